/**
 * Plain MiddlewareMixin layers run fused (src/middleware/mixin-run.ts); a subclass that overrides
 * call() runs nested, one wrapper per layer. Both must behave identically: the same hooks in the
 * same order, the same early answers, the same responses for every throw, rejection and wrong
 * return value. Each layer's behaviour is picked per request from a header, so one fused app and
 * one nested app answer every combination over real HTTP.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse } from '../../../src/http/response.js';
import { MiddlewareMixin } from '../../../src/middleware/mixin.js';
import type { GetResponse, MiddlewareContext } from '../../../src/middleware/types.js';
import { closeAll, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

const BEHAVIOURS = ['pass', 'asyncReq', 'asyncRes', 'early', 'asyncEarly', 'throwReq', 'throwRes', 'rejectReq', 'rejectRes', 'badRes', 'badEarly'] as const;
type Behaviour = (typeof BEHAVIOURS)[number];

const traceOf = (request: HttpRequest): string[] => ((request.state.trace as string[] | undefined) ??= []);

function traced(response: HttpResponse, request: HttpRequest): HttpResponse {
  response.headers.set('X-Trace', traceOf(request).join(' '));
  return response;
}

/** Layer `name` behaving as the request's `x-<name>` header says. */
function layerClass(name: string) {
  const behaviour = (request: HttpRequest) => (request.headers.get(`x-${name}`) ?? 'pass') as Behaviour;
  return class extends MiddlewareMixin {
    override processRequest(request: HttpRequest) {
      const mode = behaviour(request);
      traceOf(request).push(`${name}.req`);
      if (mode === 'asyncReq') return Promise.resolve(undefined);
      if (mode === 'early') return traced(new HttpResponse(`early ${name}`), request);
      if (mode === 'asyncEarly') return Promise.resolve(traced(new HttpResponse(`async early ${name}`), request));
      if (mode === 'throwReq') throw new Error(`${name} request failed`);
      if (mode === 'rejectReq') return Promise.reject(new Error(`${name} request rejected`));
      if (mode === 'badEarly') return 'not a response' as unknown as HttpResponse;
      return undefined;
    }

    override processResponse(request: HttpRequest, response: HttpResponse) {
      const mode = behaviour(request);
      traceOf(request).push(`${name}.res:${response instanceof HttpResponse ? response.status : typeof response}`);
      if (mode === 'throwRes') throw new Error(`${name} response failed`);
      if (mode === 'rejectRes') return Promise.reject(new Error(`${name} response rejected`));
      if (mode === 'badRes') return 42 as unknown as HttpResponse;
      if (!(response instanceof HttpResponse)) return response;
      const out = traced(response, request);
      return mode === 'asyncRes' ? Promise.resolve(out) : out;
    }
  };
}

/** The same layer, kept out of the fused run by overriding call(). */
function nested(cls: ReturnType<typeof layerClass>) {
  return class extends cls {
    override call(request: HttpRequest) {
      return super.call(request);
    }
  };
}

/** A function middleware between mixin layers splits the fused run in two. */
function functionLayer(getResponse: GetResponse, _context: MiddlewareContext) {
  return (request: HttpRequest) => {
    traceOf(request).push('fn');
    return getResponse(request);
  };
}

const routes = tableRouting({ '/': (request) => traced(new HttpResponse(`view after ${traceOf(request).join(' ')}`), request) });

describe('fused MiddlewareMixin layers', () => {
  it('behave exactly as nested layers for every mix of hooks, early answers, throws, rejections and bad returns', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map(layerClass) as [ReturnType<typeof layerClass>, ReturnType<typeof layerClass>, ReturnType<typeof layerClass>];
    const fused = await serve({ MIDDLEWARE: [a, b, functionLayer, c] }, routes);
    const reference = await serve({ MIDDLEWARE: [nested(a), nested(b), functionLayer, nested(c)] }, routes);
    let compared = 0;
    for (const ma of BEHAVIOURS) {
      for (const mb of BEHAVIOURS) {
        for (const mc of ['pass', 'asyncEarly', 'throwRes', 'badRes'] as const) {
          const headers = { 'x-a': ma, 'x-b': mb, 'x-c': mc };
          const [got, want] = await Promise.all([fused.request('/', { headers }), reference.request('/', { headers })]);
          const label = JSON.stringify(headers);
          assert.equal(got.status, want.status, label);
          assert.equal(got.headers['x-trace'], want.headers['x-trace'], label);
          assert.equal(got.body, want.body, label);
          compared++;
        }
      }
    }
    assert.equal(compared, BEHAVIOURS.length * BEHAVIOURS.length * 4);
    // The comparison saw every kind of outcome, not 484 identical ones.
    const sample = await fused.request('/', { headers: { 'x-a': 'pass', 'x-b': 'early', 'x-c': 'pass' } });
    assert.equal(sample.body, 'early b');
    assert.equal(sample.headers['x-trace'], 'a.req b.req b.res:200 a.res:200');
    const failed = await fused.request('/', { headers: { 'x-a': 'pass', 'x-b': 'badRes', 'x-c': 'pass' } });
    // b's wrong return value became a 500 at b, which a then processed.
    assert.equal(failed.status, 500);
    assert.equal(failed.headers['x-trace'], 'a.req b.req fn c.req c.res:200 b.res:200 a.res:500');
  });
});
