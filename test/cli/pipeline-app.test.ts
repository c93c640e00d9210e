/**
 * Black-box over real HTTP: the fixture project test/fixtures/pipeline (TypeScript settings, urls,
 * views, middleware and templates importing 'managets'), served by the built createApp on
 * 127.0.0.1:0, and by `manage runserver --noreload` in a child process.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../dist/index.js';
import { loadSettings } from '../../dist/conf/load.js';
import { ModuleLoader } from '../../dist/conf/modules.js';
import { cookiesOf, send } from '../helpers/app-server.js';
import { listen, type RunningServer } from '../helpers/http-server.js';
import { cleanEnv, ProcessPool } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

const project = path.join(FIXTURES, 'pipeline');
const servers: RunningServer[] = [];
const pool = new ProcessPool();

async function start(env: Record<string, string> = {}, options: { noStatic?: boolean } = {}): Promise<{ port: number; log: string[] }> {
  const loader = new ModuleLoader({ baseDir: project });
  const settings = await loadSettings(cleanEnv(env), loader);
  const log: string[] = [];
  const logger = { level: settings.DEBUG ? 0 : Infinity, log: (_level: number, line: string) => void log.push(line) };
  const app = await createApp(settings, loader, { ...options, logger });
  const server = await listen(app.listener);
  servers.push(server);
  return { port: server.port, log };
}

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await pool.killAll();
});

describe('fixture project over HTTP (DEBUG)', () => {
  let port: number;
  let log: string[];
  before(async () => ({ port, log } = await start()));

  it('serves function and class-based views through the default middleware and a user middleware', async () => {
    const home = await send(port, '/');
    assert.equal(home.status, 200);
    assert.equal(home.body, '<h1>Home</h1>');
    assert.equal(home.headers['x-frame-options'], 'DENY');
    assert.equal(home.headers['x-content-type-options'], 'nosniff');
    assert.equal(home.headers['x-handled-by'], 'timing');
    const list = await send(port, '/blog/posts/');
    assert.deepEqual(JSON.parse(list.body), ['Hello, world', 'Second post']);
    assert.equal((await send(port, '/blog/posts/2/')).body, '<h1>Second post</h1>');
    const options = await send(port, '/blog/posts/', { method: 'OPTIONS' });
    assert.equal(options.headers.allow, 'GET, HEAD, OPTIONS');
  });

  it('serves STATIC_URL before the middleware, unless noStatic', async () => {
    const css = await send(port, '/static/site.css');
    assert.equal(css.status, 200);
    assert.equal(css.body, 'body { color: teal; }\n');
    assert.match(css.headers['content-type']!, /^text\/css/);
    assert.equal(css.headers['x-handled-by'], undefined);
    const plain = await start({}, { noStatic: true });
    const missing = await send(plain.port, '/static/site.css');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['x-handled-by'], 'timing');
  });

  it('redirects: APPEND_SLASH, a RedirectView by pattern name, redirect() by name with kwargs', async () => {
    const slash = await send(port, '/blog/posts?page=2');
    assert.equal(slash.status, 301);
    assert.equal(slash.headers.location, '/blog/posts/?page=2');
    assert.equal((await send(port, '/blog/latest/')).headers.location, '/blog/posts/');
    assert.equal((await send(port, '/to-post/7/')).headers.location, '/blog/posts/7/');
  });

  it('keeps a session and sets the CSRF cookie; a POST needs the token', async () => {
    const first = await send(port, '/counter/');
    const cookies = cookiesOf(first);
    const cookie = `sessionid=${cookies.sessionid}; csrftoken=${cookies.csrftoken}`;
    const { token } = JSON.parse(first.body) as { token: string };
    const second = await send(port, '/counter/', { headers: { cookie } });
    assert.equal(JSON.parse(second.body).visits, 2);
    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie };
    assert.equal((await send(port, '/blog/comment/', { method: 'POST', headers: form, body: 'text=hi' })).status, 403);
    const accepted = await send(port, '/blog/comment/', { method: 'POST', headers: form, body: `text=hi&csrfmiddlewaretoken=${token}` });
    assert.deepEqual(JSON.parse(accepted.body), { text: 'hi' });
  });

  it('renders a TemplateView with the URL kwargs, url() and a CSRF token the POST then accepts', async () => {
    const page = await send(port, '/blog/form/3/');
    assert.equal(page.status, 200);
    assert.match(page.body, /<form method="post" action="\/blog\/comment\/">/);
    assert.match(page.body, /<p>Hi, post 3<\/p>/);
    const token = /name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"/.exec(page.body)![1]!;
    const cookie = `csrftoken=${cookiesOf(page).csrftoken}`;
    const posted = await send(port, '/blog/comment/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: `text=from+form&csrfmiddlewaretoken=${token}`,
    });
    assert.deepEqual(JSON.parse(posted.body), { text: 'from form' });
  });

  it('shows template errors on the technical 500: the postmortem and the template line', async () => {
    const missing = await send(port, '/blog/no-template/');
    assert.equal(missing.status, 500);
    assert.match(missing.body, /<title>TemplateDoesNotExist at \/blog\/no-template\/<\/title>/);
    assert.match(missing.body, /Template-loader postmortem/);
    assert.match(missing.body, /<code>filesystem<\/code>: [^<]*templates\/blog\/absent\.html \(Source does not exist\)/);
    const broken = await send(port, '/blog/broken/');
    assert.match(broken.body, /Error during template rendering/);
    assert.match(broken.body, /In template <code>blog\/broken\.html<\/code>, error at line <strong>2<\/strong>/);
  });

  it('shows the technical 404 with the URLconf patterns and names', async () => {
    const reply = await send(port, '/blog/nope/<x>');
    assert.equal(reply.status, 404);
    assert.match(reply.body, /Using the URLconf defined in <code>proj\.urls<\/code>, managets tried these URL patterns, in this order:/);
    assert.match(reply.body, /<li><code>blog\/<\/code><span class="name"><\/span> <code>posts\/&lt;int:id&gt;\/<\/code><span class="name"> \[name=&#x27;post-detail&#x27;\]<\/span> <\/li>/);
    assert.match(reply.body, /<li><code>counter\/<\/code><span class="name"> \[name=&#x27;counter&#x27;\]<\/span> <\/li>/);
    assert.match(reply.body, /The current path, <code>blog\/nope\/&lt;x&gt;<\/code>, didn’t match any of these\./);
    assert.match((await send(port, '/nope/')).body, /<li><code>blog\/<\/code><span class="name"> \[namespace=&#x27;blog&#x27;\]<\/span> <\/li>/);
    const raised = await send(port, '/blog/posts/9/');
    assert.match(raised.body, /<pre class="exception_value">No post 9<\/pre>/);
    assert.match(raised.body, /<th>Raised by:<\/th><td>postDetail<\/td>/);
    assert.ok(log.includes('Not Found: /blog/nope/<x>'));
  });

  it('shows the technical 500 with the .ts source line of the view, and masks secrets', async () => {
    const reply = await send(port, '/boom/');
    assert.equal(reply.status, 500);
    assert.match(reply.body, /<title>TypeError at \/boom\/<\/title>/);
    const line = readFileSync(path.join(project, 'blog', 'views.ts'), 'utf8').split('\n').findIndex((text) => text.includes('data.items!')) + 1;
    assert.match(reply.body, new RegExp(`blog/views\\.ts, line ${line}</code>`));
    assert.match(reply.body, /<span>  return new HttpResponse\(data\.items!\.join\(&#x27;,&#x27;\)\);<\/span>/);
    assert.match(reply.body, /<td class="key">API_KEY<\/td><td><pre>&#x27;\*{20}&#x27;<\/pre>/);
    assert.doesNotMatch(reply.body, /fixture-api-key-must-never-show|fixture-pipeline-secret-key/);
    assert.match(log.join('\n'), /Internal Server Error: \/boom\/\nTypeError: Cannot read properties of undefined/);
    assert.equal((await send(port, '/')).status, 200, 'the server keeps serving');
  });
});

describe('fixture project over HTTP (DEBUG off)', () => {
  it("renders the project's 404.html and 500.html, leaking nothing", async () => {
    const { port, log } = await start({ MANAGE_SETTINGS_MODULE: 'proj.settings_production' });
    const missing = await send(port, '/nope/<x>');
    assert.equal(missing.status, 404);
    assert.equal(missing.body, '<h1>Custom not found: /nope/%3Cx%3E</h1>\n');
    for (const path of ['/boom/', '/blog/broken/', '/blog/no-template/']) {
      const failed = await send(port, path);
      assert.equal(failed.status, 500);
      assert.equal(failed.body, '<h1>Custom server error</h1>\n');
    }
    const evil = await send(port, '/', { headers: { host: 'evil.com' } });
    assert.equal(evil.status, 400);
    assert.deepEqual(log, []);
  });
});

describe('fixture project through manage runserver --noreload', () => {
  it('serves views, logs errors before the request line, answers a bad Host with 400, and keeps serving', async () => {
    const server = pool.start(['runserver', '--noreload', '127.0.0.1:0'], { cwd: project, env: cleanEnv() });
    const port = Number(new URL(await server.ready()).port);
    assert.deepEqual(JSON.parse((await send(port, '/blog/posts/')).body), ['Hello, world', 'Second post']);
    const boom = await send(port, '/boom/', { headers: { accept: 'text/plain' } });
    assert.equal(boom.status, 500);
    assert.match(boom.body, /^TypeError at \/boom\/\n/);
    await server.waitFor(/Internal Server Error: \/boom\/\nTypeError: [^\n]+\n(?: {4}at [^\n]+\n)+[^\n]*"GET \/boom\/ HTTP\/1\.1" 500 \d+\n/, 5000, 'stderr');
    assert.equal((await send(port, '/missing/')).status, 404);
    await server.waitFor(/Not Found: \/missing\/\n[^\n]*"GET \/missing\/ HTTP\/1\.1" 404 \d+\n/, 5000, 'stderr');
    assert.equal((await send(port, '/', { headers: { host: 'evil.com' } })).status, 400);
    await server.waitFor(/Invalid HTTP_HOST header: 'evil\.com'\. You may need to add 'evil\.com' to ALLOWED_HOSTS\.\n/, 5000, 'stderr');
    assert.equal((await send(port, '/')).body, '<h1>Home</h1>');
  });
});
