import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { requestConfig } from '../../../src/app.js';
import type { Settings } from '../../../src/conf/settings.js';
import { HttpRequest } from '../../../src/http/request.js';
import type { HttpResponse } from '../../../src/http/response.js';
import { writeResponse } from '../../../src/http/write.js';
import type { TemplateEngines } from '../../../src/templates/engines.js';
import { ContentNotRenderedError, render, renderToString, TemplateResponse } from '../../../src/templates/response.js';
import { tempTree } from '../../helpers/files.js';
import { enginesFor, requestFor, settingsFor } from '../../helpers/templates.js';

const tree = tempTree({
  'templates/hello.html': '<h1>Hello <%= it.name %></h1><%= it.request.path %>',
  'templates/other.html': 'other <%= it.name %>',
  'templates/feed.xml': '<feed><%= it.name %></feed>',
});
let settings: Settings;
let engines: TemplateEngines;

before(async () => {
  const values = { TEMPLATES: [{ DIRS: ['templates'] }] };
  settings = settingsFor(tree, values);
  engines = await enginesFor(tree, values);
});
after(() => tree.cleanup());

describe('render()', () => {
  it('returns an HttpResponse with the page, status and content type', () => {
    const response = render(requestFor(settings, engines, '/p/'), 'hello.html', { name: '<you>' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Type'), 'text/html; charset=utf-8');
    assert.equal(response.text, '<h1>Hello &lt;you&gt;</h1>/p/');
    const xml = render(requestFor(settings, engines), 'feed.xml', { name: 'n' }, { status: 201, contentType: 'application/atom+xml' });
    assert.equal(xml.status, 201);
    assert.equal(xml.headers.get('Content-Type'), 'application/atom+xml');
  });

  it('renderToString() renders with the request context', () => {
    assert.equal(renderToString('hello.html', { name: 'x' }, requestFor(settings, engines, '/q/')), '<h1>Hello x</h1>/q/');
  });

  it('says how to attach engines to a request built by hand', () => {
    assert.throws(() => render(requestFor(settings, undefined), 'hello.html'), /This request has no template engines/);
  });
});

describe('TemplateResponse', () => {
  it('renders late, with the templateName and contextData as changed before render()', () => {
    const response = new TemplateResponse(requestFor(settings, engines), 'hello.html', { name: 'a' }, { status: 202 });
    assert.equal(response.isRendered, false);
    assert.throws(() => response.content, ContentNotRenderedError);
    response.templateName = 'other.html';
    response.contextData.name = 'b';
    assert.equal(response.render(), response);
    assert.equal(response.isRendered, true);
    assert.equal(response.text, 'other b');
    assert.equal(response.status, 202);
    response.contextData.name = 'c';
    response.render();
    assert.equal(response.text, 'other b', 'render() is idempotent');
  });

  it('runs post-render callbacks, which may replace the response', () => {
    const response = new TemplateResponse(requestFor(settings, engines), 'other.html', { name: 'x' });
    const seen: string[] = [];
    response.addPostRenderCallback((r) => void seen.push(r.text));
    response.addPostRenderCallback(() => render(requestFor(settings, engines), 'other.html', { name: 'replaced' }));
    assert.equal(response.render().text, 'other replaced');
    assert.deepEqual(seen, ['other x']);
  });

  it('counts setting content directly as rendered', () => {
    const response = new TemplateResponse(requestFor(settings, engines), 'other.html');
    response.content = 'manual';
    assert.equal(response.isRendered, true);
    assert.equal(response.render().text, 'manual');
  });
});

describe('over node:http', () => {
  let server: Server;
  let base: string;

  before(async () => {
    // The handler's part of the contract: attach the engines, let a processTemplateResponse-style
    // hook edit the TemplateResponse, then render() it before writing.
    server = createServer(async (req, res) => {
      const request = new HttpRequest(req, requestConfig(settings, {}));
      request.templates = engines;
      let response: HttpResponse = request.path === '/late/' ? new TemplateResponse(request, 'hello.html', { name: 'view' }) : render(request, 'hello.html', { name: 'now' });
      if (response instanceof TemplateResponse) {
        response.contextData.name = 'middleware';
        response = response.render();
      }
      await writeResponse(res, response, { head: request.method === 'HEAD' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves render() and a TemplateResponse changed by middleware', async () => {
    const now = await fetch(`${base}/now/`);
    assert.equal(now.status, 200);
    assert.equal(now.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await now.text(), '<h1>Hello now</h1>/now/');
    const late = await fetch(`${base}/late/`);
    assert.equal(await late.text(), '<h1>Hello middleware</h1>/late/');
    assert.equal(late.headers.get('content-length'), String('<h1>Hello middleware</h1>/late/'.length));
  });
});
