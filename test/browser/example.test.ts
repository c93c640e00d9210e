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

const SUPERUSER = { MANAGE_SUPERUSER_USERNAME: 'ada', MANAGE_SUPERUSER_PASSWORD: 'analytical engine 1843', MANAGE_SUPERUSER_EMAIL: 'ada@example.com' };

describe('examples/blog in Chromium', { skip: skipWithoutChromium }, () => {
  const project = tmpCopy(path.join(EXAMPLES, 'blog'), 'example-browser');
  const pool = new ProcessPool();
  let browser: Browser | undefined;
  let base: string;

  before(async () => {
    for (const command of [['migrate', '-v', '0'], ['createsuperuser', '--noinput']]) {
      const result = await runManage(command, { cwd: project.dir, env: cleanEnv(SUPERUSER) });
      assert.equal(result.code, 0, result.stderr);
    }
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

  it('sends an anonymous writer to the login page, then back to write a post', async () => {
    const page = await browser!.newPage();
    await page.goto(`${base}/posts/new/`);
    await page.waitForURL(`${base}/accounts/login/?next=/posts/new/`);
    await page.fill('#id_username', SUPERUSER.MANAGE_SUPERUSER_USERNAME);
    await page.fill('#id_password', 'wrong password');
    await page.click('button[type=submit]');
    await page.locator('.field-error').waitFor();
    await page.fill('#id_password', SUPERUSER.MANAGE_SUPERUSER_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/posts/new/`), page.click('form.form button[type=submit]')]);
    await page.fill('#id_title', 'Written in Chromium');
    await page.fill('#id_summary', 'A post from the browser tests.');
    await page.fill('#id_body', 'First paragraph.\n\nSecond paragraph.');
    await screenshot(page, 'new-post');
    await Promise.all([page.waitForURL(`${base}/posts/written-in-chromium/`), page.click('form.form button[type=submit]')]);
    assert.equal(await page.locator('.message--success').textContent(), 'Published “Written in Chromium”.');
    assert.match((await page.locator('article .meta').textContent())!, /by ada/);
    await page.locator('.nav__logout button').click();
    await page.waitForURL(`${base}/`);
    assert.equal(await page.locator('nav a', { hasText: 'Log in' }).count(), 1);
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
