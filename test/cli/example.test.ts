/**
 * Black-box: examples/blog, as a newcomer runs it. `manage check` passes and `manage runserver
 * --noreload` serves every kind of page it has, on a temp copy (so a test never writes into the repo).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cookiesOf, send, type Reply } from '../helpers/app-server.js';
import { cleanEnv, ProcessPool, runManage, type RunResult } from '../helpers/spawn-cli.js';
import { EXAMPLES, tmpCopy, typeCheck } from '../helpers/tmp-project.js';

const project = tmpCopy(path.join(EXAMPLES, 'blog'), 'example-blog');
const pool = new ProcessPool();
after(async () => {
  await pool.killAll();
  project.cleanup();
});

async function serve(args: string[] = []): Promise<number> {
  const server = pool.start(['runserver', '--noreload', '127.0.0.1:0', ...args], { cwd: project.dir, env: cleanEnv() });
  return Number(new URL(await server.ready()).port);
}

/** The session and CSRF cookies a browser would send back, as one Cookie header. */
function cookieHeader(...replies: Reply[]): string {
  const jar = Object.assign({}, ...replies.map(cookiesOf)) as Record<string, string>;
  return Object.entries(jar).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
}

describe('examples/blog', () => {
  // Every server below needs the tables: migrate first, as `npm start` does.
  let migrated: RunResult | undefined;
  before(async () => (migrated = await runManage(['migrate'], { cwd: project.dir })));

  it('type-checks with its own tsconfig.json', async () => {
    const result = await typeCheck(project.dir);
    assert.equal(result.stdout + result.stderr, '');
    assert.equal(result.code, 0);
  });

  it('passes manage check', async () => {
    const result = await runManage(['check'], { cwd: project.dir });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'System check identified no issues (0 silenced).\n');
    assert.equal(result.code, 0);
  });

  it('creates its SQLite tables and first posts with manage migrate, as npm start does', () => {
    const result = migrated!;
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /Applying auth\.0001_initial\.\.\. OK\n  Applying blog\.0001_initial\.\.\. OK\n  Applying blog\.0002_first_posts\.\.\. OK\n$/);
    assert.equal(result.code, 0);
  });

  describe('served with DEBUG', () => {
    let port: number;
    before(async () => (port = await serve()));

    it('renders the home page with its stylesheet, and serves the stylesheet', async () => {
      const home = await send(port, '/');
      assert.equal(home.status, 200);
      assert.match(home.body, /<link rel="stylesheet" href="\/static\/css\/site\.css">/);
      assert.match(home.body, /<a href="\/posts\/hello-managets\/">Hello, managets<\/a>/);
      assert.match(home.headers['server-timing']!, /^app;desc="managets";dur=\d+\.\d\d$/);
      const css = await send(port, '/static/css/site.css');
      assert.equal(css.status, 200);
      assert.match(css.headers['content-type']!, /^text\/css/);
      assert.equal((await send(port, '/static/blog/comments.js')).status, 200);
      assert.equal((await send(port, '/media/uploads/architecture.svg')).status, 200);
    });

    it('serves a post by its slug, an archive by its year and the JSON endpoint', async () => {
      const post = await send(port, '/posts/templates-and-static-files/');
      assert.equal(post.status, 200);
      assert.match(post.body, /<h1>Templates and static files<\/h1>/);
      assert.match((await send(port, '/archive/2025/')).body, /Forms, CSRF and sessions/);
      const api = await send(port, '/api/posts/');
      assert.match(api.headers['content-type']!, /^application\/json/);
      const { posts } = JSON.parse(api.body) as { posts: Array<{ slug: string; url: string }> };
      assert.ok(posts.length >= 3);
      assert.ok(posts.some((p) => p.url === `http://127.0.0.1:${port}/posts/hello-managets/`));
      assert.equal((await send(port, '/pages/about/')).status, 200);
    });

    it('takes a comment through CSRF, redirects, then shows the flash message once', async () => {
      const form = await send(port, '/posts/forms-csrf-and-sessions/');
      const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form.body)![1]!;
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(form) };
      const refused = await send(port, '/posts/forms-csrf-and-sessions/', { method: 'POST', headers, body: 'author=Eve&body=no+token' });
      assert.equal(refused.status, 403);
      const body = new URLSearchParams({ csrfmiddlewaretoken: token, author: 'Ann', body: 'Nice post' }).toString();
      const posted = await send(port, '/posts/forms-csrf-and-sessions/', { method: 'POST', headers, body });
      assert.equal(posted.status, 302);
      assert.equal(posted.headers.location, '/posts/forms-csrf-and-sessions/');
      const cookie = cookieHeader(form, posted);
      const shown = await send(port, '/posts/forms-csrf-and-sessions/', { headers: { Cookie: cookie } });
      assert.match(shown.body, /<li class="message message--success" role="status">Thanks, Ann! Your comment is posted\.<\/li>/);
      assert.match(shown.body, /<p class="comment__author">Ann<\/p>/);
      const again = await send(port, '/posts/forms-csrf-and-sessions/', { headers: { Cookie: cookieHeader(form, posted, shown) } });
      assert.doesNotMatch(again.body, /class="messages"/);
    });

    it('sends anonymous writers to the login page', async () => {
      const write = await send(port, '/posts/new/');
      assert.equal(write.status, 302);
      assert.equal(write.headers.location, '/accounts/login/?next=/posts/new/');
      const login = await send(port, write.headers.location!);
      assert.equal(login.status, 200);
      assert.match(login.body, /<h1>Log in<\/h1>/);
      assert.match(login.body, /href="\/static\/css\/site\.css"/); // the project's template, not contrib.auth's
    });

    it('shows the technical 404 and 500 pages', async () => {
      const missing = await send(port, '/posts/no-such-post/');
      assert.equal(missing.status, 404);
      assert.match(missing.body, /No post is called “no-such-post”/);
      const broken = await send(port, '/pages/tour/broken/');
      assert.equal(broken.status, 500);
      assert.match(broken.body, /TypeError/);
    });
  });

  describe('served with DEBUG off (--settings mysite.settings_production)', () => {
    let port: number;
    before(async () => (port = await serve(['--settings', 'mysite.settings_production'])));

    it('renders templates/404.html and templates/500.html', async () => {
      const missing = await send(port, '/no/such/page/');
      assert.equal(missing.status, 404);
      assert.match(missing.body, /<h1>Page not found<\/h1>/);
      assert.match(missing.body, /Nothing lives at <code>\/no\/such\/page\/<\/code>/);
      assert.match(missing.body, /href="\/static\/css\/site\.css"/);
      const broken = await send(port, '/pages/tour/broken/');
      assert.equal(broken.status, 500);
      assert.match(broken.body, /<h1>Something went wrong<\/h1>/);
      assert.doesNotMatch(broken.body, /TypeError/);
    });
  });
});
