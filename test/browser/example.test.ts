/**
 * examples/blog in real headless Chromium, served by `manage runserver --noreload` on a temp copy:
 * CSS applied, url() links, the comment form through CSRF to its flash message, debug error pages.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium, screenshot, skipWithoutChromium, type Browser } from '../helpers/browser.js';
import { cleanEnv, ProcessPool, runManage } from '../helpers/spawn-cli.js';
import { EXAMPLES, tmpCopy } from '../helpers/tmp-project.js';

describe('examples/blog in Chromium', { skip: skipWithoutChromium }, () => {
  const project = tmpCopy(path.join(EXAMPLES, 'blog'), 'example-browser');
  const pool = new ProcessPool();
  let browser: Browser | undefined;
  let base: string;

  before(async () => {
    const migrate = await runManage(['migrate', '-v', '0'], { cwd: project.dir });
    assert.equal(migrate.code, 0, migrate.stderr);
    const server = pool.start(['runserver', '--noreload', '127.0.0.1:0'], { cwd: project.dir, env: cleanEnv() });
    [base, browser] = await Promise.all([server.ready(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await pool.killAll();
    project.cleanup();
  });

  it('renders the home page with its stylesheet applied', async () => {
    const page = await browser!.newPage();
    const response = await page.goto(`${base}/`);
    assert.equal(response!.status(), 200);
    const header = await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(header, 'rgb(29, 36, 51)');
    const card = await page.locator('.card').first().evaluate((el) => getComputedStyle(el).borderLeftColor);
    assert.equal(card, 'rgb(12, 124, 89)');
    assert.equal(await page.locator('html').getAttribute('class'), 'js'); // static/js/site.js ran
    await screenshot(page, 'home');
    await page.close();
  });

  it('follows links built with url() in the layout and the partials', async () => {
    const page = await browser!.newPage();
    await page.goto(`${base}/`);
    await page.locator('nav a', { hasText: 'Tour' }).click();
    await page.waitForURL(`${base}/pages/tour/`);
    assert.equal(await page.locator('h1').textContent(), 'Tour');
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Tour');
    await page.locator('nav a', { hasText: 'Posts' }).click();
    await page.locator('.card h2 a', { hasText: 'Hello, managets' }).click();
    await page.waitForURL(`${base}/posts/hello-managets/`);
    assert.equal(await page.locator('article h1').textContent(), 'Hello, managets');
    await page.close();
  });

  it('posts the comment form with its CSRF token and shows the flash message after the redirect', async () => {
    const page = await browser!.newPage();
    await page.goto(`${base}/posts/forms-csrf-and-sessions/`);
    await page.fill('#id_author', 'Ada');
    await page.fill('#id_body', 'Posted from a real browser.');
    assert.equal(await page.locator('.counter').textContent(), '27 / 1000 characters'); // the app's own static JS
    await Promise.all([page.waitForURL(`${base}/posts/forms-csrf-and-sessions/`), page.click('button[type=submit]')]);
    await page.locator('.message--success').waitFor();
    assert.equal(await page.locator('.message--success').textContent(), 'Thanks, Ada! Your comment is posted.');
    assert.equal(await page.locator('.comment__author').last().textContent(), 'Ada');
    await screenshot(page, 'flash-message');
    await page.reload();
    assert.equal(await page.locator('.messages').count(), 0); // shown once
    await page.close();
  });

  it('renders the debug 404 and 500 pages', async () => {
    const page = await browser!.newPage();
    const missing = await page.goto(`${base}/no/such/page/`);
    assert.equal(missing!.status(), 404);
    assert.match(await page.title(), /Page not found/);
    assert.match(await page.locator('body').innerText(), /mysite\.urls/);
    await screenshot(page, 'debug-404');
    const broken = await page.goto(`${base}/pages/tour/broken/`);
    assert.equal(broken!.status(), 500);
    assert.match(await page.title(), /TypeError/);
    assert.match(await page.locator('body').innerText(), /pages\/views\.ts/);
    await screenshot(page, 'debug-500');
    await page.close();
  });
});
