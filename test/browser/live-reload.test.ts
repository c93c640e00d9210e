/**
 * The reloader seen from a real browser: examples/blog (a temp copy) served by `manage runserver`
 * with the auto-reloader on, edited while Chromium keeps a page open. Nothing here reloads the
 * page: the live-reload script does.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium, screenshot, skipWithoutChromium, type Browser } from '../helpers/browser.js';
import { descendantPids } from '../helpers/http-probe.js';
import { cleanEnv, ProcessPool, runManage, type ManageProcess } from '../helpers/spawn-cli.js';
import { EXAMPLES, tmpCopy } from '../helpers/tmp-project.js';

/** Long enough for a restart on a loaded CI machine; the waits end as soon as the page changes. */
const RELOAD_TIMEOUT = 20_000;

describe('live reload of examples/blog in Chromium', { skip: skipWithoutChromium }, () => {
  const project = tmpCopy(path.join(EXAMPLES, 'blog'), 'example-live-reload');
  const pool = new ProcessPool();
  let server: ManageProcess;
  let browser: Browser | undefined;
  let base: string;

  const edit = (file: string, change: (text: string) => string) => {
    const full = path.join(project.dir, file);
    writeFileSync(full, change(readFileSync(full, 'utf8')));
  };

  before(async () => {
    const migrate = await runManage(['migrate', '-v', '0'], { cwd: project.dir });
    assert.equal(migrate.code, 0, migrate.stderr);
    server = pool.start(['runserver', '127.0.0.1:0', '--no-shortcuts'], { cwd: project.dir, env: cleanEnv({ MANAGE_RUNSERVER_HIDE_WARNING: 'true' }) });
    [base, browser] = await Promise.all([server.ready(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    // The supervisor stops its app children on SIGTERM; anything left after that is killed too.
    const children = server ? descendantPids(server.pid) : [];
    await server?.stop('SIGTERM');
    await pool.killAll();
    for (const pid of children) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
    project.cleanup();
  });

  it('updates an open page by itself when its template is saved', async () => {
    const page = await browser!.newPage();
    await page.goto(`${base}/posts/hello-managets/`);
    await page.evaluate(() => ((window as unknown as { beforeEdit: boolean }).beforeEdit = true));
    edit('blog/templates/blog/detail.html', (text) => text.replace('<h1><%= it.post.title %></h1>', '<h1><%= it.post.title %> (edited live)</h1>'));
    await page.locator('article h1', { hasText: 'Hello, managets (edited live)' }).waitFor({ timeout: RELOAD_TIMEOUT });
    assert.equal(await page.evaluate(() => (window as unknown as { beforeEdit?: boolean }).beforeEdit), undefined, 'the page was reloaded');
    assert.doesNotMatch(server.stderr, /detail\.html changed, reloading/, 'a template edit does not restart the app');
    await screenshot(page, 'live-reload-template');
    await page.close();
  });

  it('swaps an edited stylesheet into the open page without reloading it', async () => {
    const page = await browser!.newPage();
    await page.goto(`${base}/`);
    const accent = () => page.locator('.card').first().evaluate((el) => getComputedStyle(el).borderLeftColor);
    assert.equal(await accent(), 'rgb(12, 124, 89)');
    await page.evaluate(() => ((window as unknown as { beforeEdit: boolean }).beforeEdit = true));
    edit('static/css/site.css', (text) => text.replace('--accent: #0c7c59;', '--accent: #b4451f;'));
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('.card')!).borderLeftColor === 'rgb(180, 69, 31)',
      undefined,
      { timeout: RELOAD_TIMEOUT },
    );
    assert.equal(await page.evaluate(() => (window as unknown as { beforeEdit?: boolean }).beforeEdit), true, 'the page was not reloaded');
    await screenshot(page, 'live-reload-css');
    await page.close();
  });

  it('shows a syntax error in a view on the error page, then the fixed page, by itself', async () => {
    const page = await browser!.newPage();
    await page.goto(`${base}/`);
    const original = readFileSync(path.join(project.dir, 'blog/views.ts'), 'utf8');
    edit('blog/views.ts', (text) => text.replace('export function index(', 'export function index(('));
    await page.locator('pre.message', { hasText: 'SyntaxError' }).waitFor({ timeout: RELOAD_TIMEOUT });
    assert.match(await page.title(), /^Error loading .*blog\/views\.ts:\d+:\d+$/);
    await screenshot(page, 'live-reload-syntax-error');
    edit('blog/views.ts', () => original.replace("heading: 'Latest posts'", "heading: 'Latest posts, fixed'"));
    await page.locator('h1', { hasText: 'Latest posts, fixed' }).waitFor({ timeout: RELOAD_TIMEOUT });
    assert.equal(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(29, 36, 51)');
    await screenshot(page, 'live-reload-recovered');
    await page.close();
  });
});
