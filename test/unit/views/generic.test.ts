import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse } from '../../../src/http/response.js';
import { requireGET, requireHttpMethods, requirePOST } from '../../../src/views/decorators.js';
import { RedirectView, View } from '../../../src/views/generic.js';
import { redirect, getObjectOr404 } from '../../../src/views/shortcuts.js';
import { closeAll, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

class Greeting extends View {
  greeting = 'Hello';
  get(request: HttpRequest) {
    return new HttpResponse(`${this.greeting} via ${request.method}`);
  }
  post() {
    return new HttpResponse('posted');
  }
}

const routes = tableRouting({
  '/hello/': Greeting.asView(),
  '/bonjour/': Greeting.asView({ greeting: 'Bonjour' }),
  '/go/': RedirectView.asView({ url: '/target/%(id)s/', queryString: true }),
  '/forever/': RedirectView.asView({ url: '/target/', permanent: true }),
  '/gone/': RedirectView.asView(),
  '/get-only/': requireGET(() => new HttpResponse('got')),
  '/post-only/': requirePOST(() => new HttpResponse('posted')),
  '/put-or-patch/': requireHttpMethods(['put', 'patch'])(() => new HttpResponse('changed')),
  '/shortcut/': () => redirect('/somewhere/ else/'),
  '/maybe/': async (request: HttpRequest) => new HttpResponse(await getObjectOr404(request.GET.get('id'), 'No such id')),
});

describe('View.asView', () => {
  it('dispatches on the method; HEAD falls back to GET; initkwargs set attributes', async () => {
    const server = await serve({}, routes);
    assert.equal((await server.request('/hello/')).body, 'Hello via GET');
    assert.equal((await server.request('/bonjour/', { method: 'POST' })).body, 'posted');
    assert.equal((await server.request('/bonjour/')).body, 'Bonjour via GET');
    const head = await server.request('/hello/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String('Hello via HEAD'.length));
  });

  it('answers other methods with 405 and Allow, and OPTIONS with the allowed methods', async () => {
    const server = await serve({}, routes);
    const refused = await server.request('/hello/', { method: 'DELETE' });
    assert.equal(refused.status, 405);
    assert.equal(refused.headers.allow, 'GET, POST, HEAD, OPTIONS');
    const options = await server.request('/hello/', { method: 'OPTIONS' });
    assert.equal(options.status, 200);
    assert.equal(options.headers.allow, 'GET, POST, HEAD, OPTIONS');
    assert.equal(options.headers['content-length'], '0');
  });

  it("refuses initkwargs that are methods or unknown attributes, in Django's words", () => {
    assert.throws(() => Greeting.asView({ get: 1 } as never), /^TypeError: The method name get is not accepted as a keyword argument to Greeting\(\)\.$/);
    assert.throws(() => Greeting.asView({ colour: 'red' } as never), /Greeting\(\) received an invalid keyword 'colour'\. asView only accepts arguments that are already attributes of the class\./);
  });

  it('remembers its class and keeps its name', () => {
    const view = Greeting.asView();
    assert.equal(view.viewClass, Greeting);
    assert.equal(view.name, 'Greeting');
  });
});

describe('RedirectView', () => {
  it('redirects with placeholders and the query string, permanently if asked, 410 without a URL', async () => {
    const server = await serve({}, tableRouting({ ...routesWithKwargs() }));
    const moved = await server.request('/go/?a=1');
    assert.equal(moved.status, 302);
    assert.equal(moved.headers.location, '/target/7/?a=1');
    const ordinary = await serve({}, routes);
    assert.equal((await ordinary.request('/forever/', { method: 'POST' })).status, 301);
    assert.equal((await ordinary.request('/gone/')).status, 410);
  });
});

function routesWithKwargs() {
  const view = RedirectView.asView({ url: '/target/%(id)s/', queryString: true });
  return { '/go/': ((request: HttpRequest) => view(request, { id: 7 })) as never };
}

describe('decorators and shortcuts', () => {
  it('requireGET / requirePOST / requireHttpMethods answer 405 with Allow', async () => {
    const server = await serve({}, routes);
    assert.equal((await server.request('/get-only/')).body, 'got');
    const refused = await server.request('/get-only/', { method: 'POST' });
    assert.equal(refused.status, 405);
    assert.equal(refused.headers.allow, 'GET');
    assert.equal((await server.request('/post-only/')).headers.allow, 'POST');
    assert.equal((await server.request('/put-or-patch/', { method: 'PATCH' })).body, 'changed');
    assert.equal((await server.request('/put-or-patch/')).headers.allow, 'PUT, PATCH');
  });

  it('redirect() encodes what a URI may not contain; getObjectOr404 raises Http404', async () => {
    const server = await serve({}, routes);
    assert.equal((await server.request('/shortcut/')).headers.location, '/somewhere/%20else/');
    assert.equal((await server.request('/maybe/?id=3')).body, '3');
    assert.equal((await server.request('/maybe/')).status, 404);
  });
});
