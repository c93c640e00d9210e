import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse, JsonResponse } from '../../../src/http/response.js';
import { SessionMiddleware } from '../../../src/middleware/index.js';
import { sessionSigner } from '../../../src/middleware/session-store.js';
import { BadSignature, SignatureExpired, TimestampSigner } from '../../../src/middleware/signing.js';
import { closeAll, cookiesOf, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

const routes = tableRouting({
  '/count/': (request: HttpRequest) => {
    const count = request.session.get('count', 0) + 1;
    request.session.set('count', count);
    return new JsonResponse({ count });
  },
  '/peek/': (request: HttpRequest) => new JsonResponse({ count: request.session.get('count') ?? null }),
  '/logout/': (request: HttpRequest) => (request.session.flush(), new HttpResponse('bye')),
  '/static/': () => new HttpResponse('untouched'),
  '/crash/': (request: HttpRequest) => {
    request.session.set('lost', true);
    throw new Error('crash');
  },
});

describe('signing (django.core.signing)', () => {
  const signer = new TimestampSigner({ key: 'secret', salt: 'salt' });
  it('round-trips objects and rejects tampering and expiry', () => {
    const signed = signer.signObject({ a: 1, text: 'x'.repeat(100) });
    assert.deepEqual(signer.unsignObject(signed), { a: 1, text: 'x'.repeat(100) });
    assert.ok(signed.startsWith('.'), 'compressed when it helps');
    const [payload, stamp, signature] = signed.split(':');
    assert.throws(() => signer.unsignObject(`${payload}x:${stamp}:${signature}`), BadSignature);
    assert.throws(() => new TimestampSigner({ key: 'other', salt: 'salt' }).unsignObject(signed), BadSignature);
    const old = signer.signObject({ a: 1 }, Date.now() - 10_000);
    assert.throws(() => signer.unsignObject(old, 5), SignatureExpired);
    assert.deepEqual(signer.unsignObject(old, 60), { a: 1 });
  });

  it("produces Django's format: base64 payload, base62 timestamp, base64 HMAC-SHA256", () => {
    const signed = signer.sign('hello', 0);
    assert.match(signed, /^hello:0:[A-Za-z0-9_-]{43}$/);
  });
});

describe('SessionMiddleware', () => {
  it('keeps state across requests in a signed cookie with the SESSION_* flags', async () => {
    const server = await serve({ MIDDLEWARE: [SessionMiddleware], SESSION_COOKIE_SECURE: true, SESSION_COOKIE_SAMESITE: 'Strict' }, routes);
    const first = await server.request('/count/');
    const cookieLine = first.headers['set-cookie']![0]!;
    assert.match(cookieLine, /^sessionid=[^;]+; Max-Age=1209600; Expires=[^;]+; Path=\/; Secure; HttpOnly; SameSite=Strict$/);
    assert.equal(first.headers.vary, 'Cookie');
    const cookie = `sessionid=${cookiesOf(first).sessionid}`;
    const second = await server.request('/count/', { headers: { cookie } });
    assert.deepEqual(JSON.parse(second.body), { count: 2 });
    const peek = await server.request('/peek/', { headers: { cookie } });
    assert.deepEqual(JSON.parse(peek.body), { count: 1 });
    assert.equal(peek.headers['set-cookie'], undefined, 'reading does not re-send the cookie');
    assert.equal(peek.headers.vary, 'Cookie');
  });

  it('treats a tampered or foreign cookie as an empty session and deletes it', async () => {
    const server = await serve({ MIDDLEWARE: [SessionMiddleware] }, routes);
    const value = cookiesOf(await server.request('/count/')).sessionid!;
    const forged = sessionSigner('a different secret key').signObject({ count: 1000 });
    for (const bad of [value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), forged, 'garbage']) {
      const reply = await server.request('/peek/', { headers: { cookie: `sessionid=${bad}` } });
      assert.deepEqual(JSON.parse(reply.body), { count: null });
      assert.match(reply.headers['set-cookie']![0]!, /^sessionid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    }
  });

  it('flush() deletes the cookie; an untouched session sends nothing; a 5xx does not save', async () => {
    const server = await serve({ MIDDLEWARE: [SessionMiddleware] }, routes);
    const cookie = `sessionid=${cookiesOf(await server.request('/count/')).sessionid}`;
    const bye = await server.request('/logout/', { headers: { cookie } });
    assert.match(bye.headers['set-cookie']![0]!, /^sessionid=; Max-Age=0/);
    const untouched = await server.request('/static/');
    assert.equal(untouched.headers['set-cookie'], undefined);
    assert.equal(untouched.headers.vary, undefined);
    const crash = await server.request('/crash/');
    assert.equal(crash.status, 500);
    assert.equal(crash.headers['set-cookie'], undefined);
  });
});
