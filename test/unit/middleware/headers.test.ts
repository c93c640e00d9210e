import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse } from '../../../src/http/response.js';
import { StreamingHttpResponse } from '../../../src/http/streaming.js';
import {
  ConditionalGetMiddleware,
  GZipMiddleware,
  LocaleMiddleware,
  SecurityMiddleware,
  XFrameOptionsMiddleware,
} from '../../../src/middleware/index.js';
import { parseAcceptLanguage } from '../../../src/middleware/locale.js';
import { xframeOptionsExempt } from '../../../src/views/decorators.js';
import { closeAll, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

const long = 'managets '.repeat(100);
const routes = tableRouting({
  '/': () => new HttpResponse(long),
  '/short/': () => new HttpResponse('tiny'),
  '/stream/': () => new StreamingHttpResponse([long, long]),
  '/framed/': xframeOptionsExempt(() => new HttpResponse('embeddable')),
  '/lang/': (request: HttpRequest) => new HttpResponse(request.LANGUAGE_CODE),
  '/dated/': () => new HttpResponse('old', { headers: { 'Last-Modified': 'Mon, 01 Jan 2024 00:00:00 GMT' } }),
});

describe('SecurityMiddleware', () => {
  it('adds nosniff, Referrer-Policy and COOP; HSTS only over HTTPS; SSL redirect', async () => {
    const server = await serve({
      MIDDLEWARE: [SecurityMiddleware],
      SECURE_HSTS_SECONDS: 3600,
      SECURE_HSTS_INCLUDE_SUBDOMAINS: true,
      SECURE_PROXY_SSL_HEADER: ['HTTP_X_FORWARDED_PROTO', 'https'],
    }, routes);
    const plain = await server.request('/short/');
    assert.equal(plain.headers['x-content-type-options'], 'nosniff');
    assert.equal(plain.headers['referrer-policy'], 'same-origin');
    assert.equal(plain.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(plain.headers['strict-transport-security'], undefined);
    const secure = await server.request('/short/', { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(secure.headers['strict-transport-security'], 'max-age=3600; includeSubDomains');
    const redirecting = await serve({ MIDDLEWARE: [SecurityMiddleware], SECURE_SSL_REDIRECT: true, SECURE_REDIRECT_EXEMPT: ['^short/'] }, routes);
    const moved = await redirecting.request('/lang/?q=1');
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.location, `https://${new URL(redirecting.url).host}/lang/?q=1`);
    assert.equal((await redirecting.request('/short/')).status, 200);
  });
});

describe('XFrameOptionsMiddleware', () => {
  it('sends X_FRAME_OPTIONS unless the view is exempt', async () => {
    const server = await serve({ MIDDLEWARE: [XFrameOptionsMiddleware], X_FRAME_OPTIONS: 'SAMEORIGIN' }, routes);
    assert.equal((await server.request('/short/')).headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal((await server.request('/framed/')).headers['x-frame-options'], undefined);
  });
});

describe('GZipMiddleware', () => {
  it('compresses long responses and streams for clients accepting gzip, and varies on Accept-Encoding', async () => {
    const server = await serve({ MIDDLEWARE: [GZipMiddleware] }, routes);
    const gz = await server.request('/', { headers: { 'accept-encoding': 'gzip, deflate' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    assert.equal(gunzipSync(gz.raw).toString(), long);
    const stream = await server.request('/stream/', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gunzipSync(stream.raw).toString(), long + long);
    const identity = await server.request('/');
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.equal(identity.body, long);
    assert.equal((await server.request('/short/', { headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'], undefined);
  });
});

describe('ConditionalGetMiddleware', () => {
  it('adds an ETag and answers If-None-Match / If-Modified-Since with 304', async () => {
    const server = await serve({ MIDDLEWARE: [ConditionalGetMiddleware] }, routes);
    const first = await server.request('/short/');
    const etag = first.headers.etag!;
    assert.match(etag, /^"[0-9a-f]{32}"$/);
    const again = await server.request('/short/', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.raw.length, 0);
    assert.equal(again.headers.etag, etag);
    assert.equal((await server.request('/short/', { headers: { 'if-none-match': '"other"' } })).status, 200);
    assert.equal((await server.request('/dated/', { headers: { 'if-modified-since': 'Tue, 02 Jan 2024 00:00:00 GMT' } })).status, 304);
    assert.equal((await server.request('/short/', { method: 'POST', headers: { 'if-none-match': etag } })).status, 200);
  });
});

describe('LocaleMiddleware', () => {
  const languages: Array<[string, string]> = [['en', 'English'], ['fr', 'French'], ['pt-br', 'Brazilian Portuguese']];

  it('parses Accept-Language by quality', () => {
    assert.deepEqual(parseAcceptLanguage('da, en-gb;q=0.8, en;q=0.7, fr;q=0'), ['da', 'en-gb', 'en']);
  });

  it('picks the language from the cookie, then Accept-Language among LANGUAGES, else LANGUAGE_CODE', async () => {
    const server = await serve({ MIDDLEWARE: [LocaleMiddleware], LANGUAGES: languages, LANGUAGE_CODE: 'en-us' }, routes);
    const lang = async (headers: Record<string, string>) => (await server.request('/lang/', { headers })).body;
    assert.equal(await lang({}), 'en');
    assert.equal(await lang({ 'accept-language': 'de, fr-CA;q=0.9' }), 'fr');
    assert.equal(await lang({ 'accept-language': 'pt' }), 'pt-br');
    assert.equal(await lang({ 'accept-language': 'fr', cookie: 'django_language=pt-br' }), 'pt-br');
    assert.equal(await lang({ 'accept-language': '*, fr' }), 'en');
    const reply = await server.request('/lang/', { headers: { 'accept-language': 'fr' } });
    assert.equal(reply.headers.vary, 'Accept-Language');
    assert.equal(reply.headers['content-language'], 'fr');
  });
});
