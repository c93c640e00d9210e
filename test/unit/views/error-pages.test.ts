import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { BadRequest, Http404, SuspiciousOperation } from '../../../src/http/errors.js';
import { HttpResponse } from '../../../src/http/response.js';
import { errorPage } from '../../../src/views/defaults.js';
import { closeAll, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

function detail() {
  throw new Http404('No post <b>7</b>');
}
function boom() {
  throw new Error('kaboom <script>alert(1)</script>', { cause: new Error('root <cause>') });
}
const routes = tableRouting({
  '/posts/': () => new HttpResponse('list'),
  '/detail/': detail,
  '/boom/': boom,
  '/bad/': () => { throw new BadRequest('bad <input>'); },
  '/sus/': () => { throw new SuspiciousOperation('suspicious <op>'); },
  '/missing-template/': () => {
    throw Object.assign(new Error('blog/post.html'), {
      name: 'TemplateDoesNotExist',
      info: { kind: 'TemplateDoesNotExist', tried: [{ engine: 'eta', loader: 'filesystem', path: '/site/templates/blog/post.html', status: 'Source does not exist' }] },
    });
  },
  '/broken-template/': () => {
    throw Object.assign(new Error('x is not defined'), {
      name: 'TemplateRenderError',
      info: {
        kind: 'TemplateRenderError', name: 'blog/post.html', line: 2, detail: 'ReferenceError: x is not defined',
        source: [{ number: 1, text: '<h1>', current: false }, { number: 2, text: '<%= x %>', current: true }],
      },
    });
  },
});
const secrets = { API_TOKEN: 'tok-123', DATABASES: { default: { ENGINE: 'sqlite', NAME: 'db', PASSWORD: 'hunter2' } } };

describe('technical 404 (DEBUG)', () => {
  it('lists the patterns tried with names, and escapes the path', async () => {
    const server = await serve({ DEBUG: true }, routes);
    const reply = await server.request('/nope/%3Cscript%3E?x=%3Cscript%3E');
    assert.equal(reply.status, 404);
    assert.match(reply.headers['content-type']!, /^text\/html; charset=utf-8$/);
    assert.match(reply.body, /<title>Page not found at \/nope\/&lt;script&gt;<\/title>/);
    assert.match(reply.body, /Using the URLconf defined in <code>tests\.urls<\/code>, managets tried these URL patterns, in this order:/);
    assert.match(reply.body, /<code>posts\/<\/code><span class="name"> \[name=&#x27;posts&#x27;\]<\/span>/);
    assert.match(reply.body, /The current path, <code>nope\/&lt;script&gt;<\/code>, didn’t match any of these\./);
    assert.doesNotMatch(reply.body, /<script>/);
    assert.ok(server.log.includes('Not Found: /nope/<script>'));
  });

  it('a 404 raised by a view shows its message and "Raised by"', async () => {
    const server = await serve({ DEBUG: true }, routes);
    const reply = await server.request('/detail/');
    assert.match(reply.body, /<pre class="exception_value">No post &lt;b&gt;7&lt;\/b&gt;<\/pre>/);
    assert.match(reply.body, /<th>Raised by:<\/th><td>detail<\/td>/);
  });

  it('an empty URLconf shows "The install worked"', async () => {
    const server = await serve({ DEBUG: true }, tableRouting({}));
    const reply = await server.request('/');
    assert.equal(reply.status, 200);
    assert.match(reply.body, /The install worked successfully! Congratulations!/);
  });
});

describe('technical 500 (DEBUG)', () => {
  it('shows the exception escaped, the user frame with source lines, the cause, request data and masked settings', async () => {
    const server = await serve({ DEBUG: true, ...secrets }, routes);
    const reply = await server.request('/boom/?q=%3Cscript%3E', { headers: { cookie: 'sessionid=abc; theme=dark; csrftoken=xyz', authorization: 'Basic secret' } });
    assert.equal(reply.status, 500);
    const body = reply.body;
    assert.match(body, /<title>Error at \/boom\/<\/title>/);
    assert.match(body, /<pre class="exception_value">kaboom &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/pre>/);
    assert.doesNotMatch(body, /<script>/);
    assert.match(body, /The above exception \(root &lt;cause&gt;\) was the direct cause of the following exception:/);
    assert.match(body, /<details class="frame user" id="frame\d+" open><summary><span class="fn">boom<\/span>/);
    assert.match(body, /error-pages\.test\.ts, line \d+/);
    assert.match(body, /class="line current"><span class="no">\d+<\/span><span>  throw new Error\(&#x27;kaboom &lt;script&gt;/);
    assert.match(body, /<td class="key">q<\/td><td><pre>&#x27;&lt;script&gt;&#x27;<\/pre>/);
    for (const key of ['SECRET_KEY', 'API_TOKEN', 'HTTP_AUTHORIZATION', 'HTTP_COOKIE', 'sessionid', 'csrftoken']) {
      assert.match(body, new RegExp(`<td class="key">${key}</td><td><pre>&#x27;\\*{20}&#x27;</pre>`), key);
    }
    assert.match(body, /PASSWORD: &#x27;\*{20}&#x27;/);
    assert.match(body, /<td class="key">theme<\/td><td><pre>&#x27;dark&#x27;<\/pre>/);
    for (const secret of ['tok-123', 'hunter2', 'Basic secret', 'test-secret-key', 'abc', 'xyz']) assert.ok(!body.includes(secret), secret);
    assert.match(server.log.join('\n'), /^Internal Server Error: \/boom\/\nError: kaboom <script>/m);
  });

  it('answers text/plain when the client prefers it', async () => {
    const server = await serve({ DEBUG: true, ...secrets }, routes);
    const reply = await server.request('/boom/', { headers: { accept: 'text/plain,text/html;q=0.9' } });
    assert.match(reply.headers['content-type']!, /^text\/plain; charset=utf-8$/);
    assert.match(reply.body, /^Error at \/boom\/\nkaboom <script>alert\(1\)<\/script>\n/);
    assert.match(reply.body, /\nTraceback \(most recent call last\):\n/);
    assert.match(reply.body, /\nException Type: Error at \/boom\/\nException Value: kaboom/);
    assert.match(reply.body, /\nAPI_TOKEN = '\*{20}'\n/);
    assert.doesNotMatch(reply.body, /tok-123/);
    const html = await server.request('/boom/', { headers: { accept: 'text/html,text/plain;q=0.9' } });
    assert.match(html.headers['content-type']!, /^text\/html/);
  });

  it('shows BadRequest and SuspiciousOperation with status 400', async () => {
    const server = await serve({ DEBUG: true }, routes);
    const bad = await server.request('/bad/');
    assert.equal(bad.status, 400);
    assert.match(bad.body, /<title>BadRequest at \/bad\/<\/title>/);
    assert.match(bad.body, /bad &lt;input&gt;/);
    const sus = await server.request('/sus/');
    assert.equal(sus.status, 400);
    assert.ok(server.log.includes('suspicious <op>'));
  });
});

describe('template errors (DEBUG)', () => {
  it('shows the template-loader postmortem and the template source around a render error', async () => {
    const server = await serve({ DEBUG: true }, routes);
    const missing = (await server.request('/missing-template/')).body;
    assert.match(missing, /Template-loader postmortem/);
    assert.match(missing, /Using engine <code>eta<\/code>:/);
    assert.match(missing, /<li><code>filesystem<\/code>: \/site\/templates\/blog\/post\.html \(Source does not exist\)<\/li>/);
    const broken = (await server.request('/broken-template/')).body;
    assert.match(broken, /Error during template rendering/);
    assert.match(broken, /In template <code>blog\/post\.html<\/code>, error at line <strong>2<\/strong>/);
    assert.match(broken, /<div class="line current"><span class="no">2<\/span><span>&lt;%= x %&gt;<\/span><\/div>/);
    const text = (await server.request('/broken-template/', { headers: { accept: 'text/plain' } })).body;
    assert.match(text, /Template error:\nIn template blog\/post\.html, error at line 2\n   ReferenceError: x is not defined\n   1 : <h1>\n   2 : <%= x %>/);
  });
});

describe('DEBUG off', () => {
  it("serves Django's minimal pages and leaks no message, stack or path", async () => {
    const server = await serve({ DEBUG: false, ...secrets }, routes);
    const pages: Array<[string, number, string]> = [
      ['/nope/<script>', 404, errorPage(404)],
      ['/detail/', 404, errorPage(404)],
      ['/boom/', 500, errorPage(500)],
      ['/bad/', 400, errorPage(400)],
      ['/sus/', 400, errorPage(400)],
    ];
    for (const [path, status, body] of pages) {
      const reply = await server.request(encodeURI(path));
      assert.equal(reply.status, status, path);
      assert.equal(reply.body, body, path);
      assert.equal(reply.headers['content-type'], 'text/html');
    }
    assert.equal(Buffer.byteLength(errorPage(404)), 179);
    assert.equal(Buffer.byteLength(errorPage(500)), 145);
    assert.equal(Buffer.byteLength(errorPage(400)), 143);
    assert.deepEqual(server.log, [], 'nothing is printed without DEBUG');
  });
});
