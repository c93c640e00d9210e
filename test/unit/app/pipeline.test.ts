import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Http404, PermissionDenied } from '../../../src/http/errors.js';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse, JsonResponse } from '../../../src/http/response.js';
import { MiddlewareMixin } from '../../../src/middleware/mixin.js';
import { MiddlewareNotUsed, type GetResponse } from '../../../src/middleware/types.js';
import { closeAll, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

describe('middleware chain', () => {
  it('runs factories and classes in MIDDLEWARE order in, reverse order out, with Django hook order', async () => {
    const events: string[] = [];
    const factory = (label: string) => {
      const make = (getResponse: GetResponse) => {
        const handler = async (request: HttpRequest) => {
          events.push(`${label} in`);
          const response = await getResponse(request);
          events.push(`${label} out`);
          return response;
        };
        return Object.assign(handler, {
          processView: () => void events.push(`${label} view`),
          processTemplateResponse: (_r: HttpRequest, response: HttpResponse) => (events.push(`${label} template`), response),
        });
      };
      Object.defineProperty(make, 'name', { value: label });
      return make;
    };
    class Klass extends MiddlewareMixin {
      override processRequest() {
        events.push('K request');
        return undefined;
      }
      override processResponse(_request: HttpRequest, response: HttpResponse) {
        events.push('K response');
        return response;
      }
      processView() {
        events.push('K view');
      }
    }
    const deferred = () =>
      Object.assign(new HttpResponse(''), { isRendered: false, render: () => (events.push('render'), new HttpResponse('rendered')) });
    const server = await serve({ MIDDLEWARE: [factory('A'), Klass, factory('B')] }, tableRouting({ '/t/': () => (events.push('view'), deferred()) }));
    const reply = await server.request('/t/');
    assert.equal(reply.body, 'rendered');
    assert.deepEqual(events, [
      'A in', 'K request', 'B in',
      'A view', 'K view', 'B view',
      'view',
      'B template', 'A template', 'render',
      'B out', 'K response', 'A out',
    ]);
  });

  it('a processView response short-circuits the view; processException answers for the view', async () => {
    const viewHook = (getResponse: GetResponse) =>
      Object.assign((request: HttpRequest) => getResponse(request), {
        processView: (request: HttpRequest) => (request.path === '/short/' ? new HttpResponse('from hook') : undefined),
        processException: (_request: HttpRequest, error: unknown) => new HttpResponse(`handled ${(error as Error).message}`, { status: 418 }),
      });
    let ran = false;
    const server = await serve({ MIDDLEWARE: [viewHook] }, tableRouting({
      '/short/': () => ((ran = true), new HttpResponse('view')),
      '/fail/': () => { throw new Error('oops'); },
    }));
    assert.equal((await server.request('/short/')).body, 'from hook');
    assert.equal(ran, false);
    const failed = await server.request('/fail/');
    assert.equal(failed.status, 418);
    assert.equal(failed.body, 'handled oops');
  });

  it('turns a throw in any layer into a response for that request only, and keeps serving', async () => {
    const explode = (getResponse: GetResponse) => async (request: HttpRequest) => {
      if (request.path === '/mw/') throw new Error('middleware broke');
      if (request.path === '/mw-string/') throw 'a bare string';
      return getResponse(request);
    };
    const server = await serve({ DEBUG: false, MIDDLEWARE: [explode] }, tableRouting({
      '/ok/': () => new HttpResponse('fine'),
      '/reject/': () => Promise.reject(new Error('rejected')),
      '/undefined/': (() => Promise.reject(undefined)) as never,
      '/mw/': () => new HttpResponse('unreached'),
      '/mw-string/': () => new HttpResponse('unreached'),
    }));
    for (const path of ['/reject/', '/undefined/', '/mw/', '/mw-string/']) {
      const reply = await server.request(path);
      assert.equal(reply.status, 500, path);
      assert.match(reply.body, /<h1>Server Error \(500\)<\/h1>/);
    }
    assert.equal((await server.request('/ok/')).body, 'fine');
  });

  it('a view returning something else than a response is a 500 naming the view', async () => {
    function listPosts() {
      return { posts: [] };
    }
    const server = await serve({ DEBUG: true }, tableRouting({ '/posts/': listPosts as never }));
    const reply = await server.request('/posts/', { headers: { accept: 'text/plain' } });
    assert.equal(reply.status, 500);
    assert.match(reply.body, /^TypeError at \/posts\/\nThe view listPosts didn't return an HttpResponse object\. It returned an instance of Object instead\./);
    assert.match(server.log.join('\n'), /^Internal Server Error: \/posts\/\nTypeError: The view listPosts/m);
  });

  it('a middleware that is not used leaves the chain; a factory entry may be a dotted path', async () => {
    const unused = () => {
      throw new MiddlewareNotUsed();
    };
    const server = await serve(
      { MIDDLEWARE: [unused, 'managets.middleware.XFrameOptionsMiddleware'] },
      tableRouting({ '/': () => new HttpResponse('home') }),
    );
    const reply = await server.request('/');
    assert.equal(reply.body, 'home');
    assert.equal(reply.headers['x-frame-options'], 'DENY');
  });
});

describe('request bodies', () => {
  const echo = tableRouting({
    '/json/': (request) => new JsonResponse(request.json()),
    '/form/': (request) => new JsonResponse(request.POST.toObject()),
  });

  it('refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE with 413 before any view or middleware runs', async () => {
    let ran = false;
    const spy = (getResponse: GetResponse) => (request: HttpRequest) => ((ran = true), getResponse(request));
    const server = await serve({ DATA_UPLOAD_MAX_MEMORY_SIZE: 10, MIDDLEWARE: [spy] }, echo);
    const reply = await server.request('/json/', { method: 'POST', body: JSON.stringify({ long: 'x'.repeat(100) }), headers: { 'content-type': 'application/json' } });
    assert.equal(reply.status, 413);
    assert.equal(ran, false);
  });

  it('answers malformed JSON and a bad multipart boundary with 400; bad percent-encoding decodes as Django', async () => {
    const server = await serve({}, echo);
    const json = await server.request('/json/', { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } });
    assert.equal(json.status, 400);
    const form = await server.request('/form/', { method: 'POST', body: 'a=%E0%A4%A', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.deepEqual(JSON.parse(form.body), { a: '\ufffd%A' });
    const multipart = await server.request('/form/', { method: 'POST', body: '--x\r\n', headers: { 'content-type': 'multipart/form-data; boundary="b{ad}"' } });
    assert.equal(multipart.status, 400);
    const ok = await server.request('/form/', { method: 'POST', body: 'a=1&b=%20', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.deepEqual(JSON.parse(ok.body), { a: '1', b: ' ' });
  });
});

describe('responses', () => {
  it('HEAD gets the headers and Content-Length of GET, without a body', async () => {
    const server = await serve({}, tableRouting({ '/page/': () => new HttpResponse('twelve bytes') }));
    const reply = await server.request('/page/', { method: 'HEAD' });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-length'], '12');
    assert.equal(reply.raw.length, 0);
  });

  it('maps Http404, PermissionDenied and the URLconf handlers to their statuses', async () => {
    const handler404 = (_request: HttpRequest, exception: unknown) => new HttpResponse(`custom 404: ${(exception as Error).message}`, { status: 404 });
    const server = await serve({ DEBUG: false }, tableRouting({
      '/missing/': () => { throw new Http404('no such post'); },
      '/denied/': () => { throw new PermissionDenied('nope'); },
    }, { 404: handler404 }));
    assert.equal((await server.request('/missing/')).body, 'custom 404: no such post');
    const denied = await server.request('/denied/');
    assert.equal(denied.status, 403);
    assert.match(denied.body, /<h1>403 Forbidden<\/h1>/);
  });

  it('a failing handler404 falls back to the 500 handler', async () => {
    const server = await serve({ DEBUG: false }, tableRouting({}, { 404: () => { throw new Error('handler broke'); } }));
    const reply = await server.request('/x/');
    assert.equal(reply.status, 500);
    assert.match(reply.body, /Server Error \(500\)/);
  });
});
