import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse } from '../../../src/http/response.js';
import { getToken, maskSecret, tokenMatches, unmaskToken, randomString } from '../../../src/middleware/csrf-token.js';
import { CsrfViewMiddleware } from '../../../src/middleware/index.js';
import { csrfExempt } from '../../../src/views/decorators.js';
import { closeAll, cookiesOf, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

const routes = tableRouting({
  '/form/': (request: HttpRequest) => new HttpResponse(getToken(request)),
  '/submit/': () => new HttpResponse('accepted'),
  '/exempt/': csrfExempt(() => new HttpResponse('exempt')),
});
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function tokenAndCookie(server: Awaited<ReturnType<typeof serve>>) {
  const page = await server.request('/form/');
  const secret = cookiesOf(page).csrftoken!;
  return { token: page.body, secret, cookie: `csrftoken=${secret}` };
}

describe('CSRF tokens', () => {
  it('masks the secret differently every time and unmasks it back', () => {
    const secret = randomString(32);
    const a = maskSecret(secret);
    const b = maskSecret(secret);
    assert.notEqual(a, b);
    assert.equal(a.length, 64);
    assert.equal(unmaskToken(a), secret);
    assert.ok(tokenMatches(b, secret));
    assert.ok(tokenMatches(secret, secret));
    assert.ok(!tokenMatches(maskSecret(randomString(32)), secret));
  });
});

describe('CsrfViewMiddleware', () => {
  it('sets the cookie when a token is used, and accepts the token from the form field or the header', async () => {
    const server = await serve({ MIDDLEWARE: [CsrfViewMiddleware] }, routes);
    const { token, secret, cookie } = await tokenAndCookie(server);
    assert.equal(secret.length, 32);
    assert.equal(token.length, 64);
    const viaForm = await server.request('/submit/', { method: 'POST', headers: { ...form, cookie }, body: `csrfmiddlewaretoken=${token}` });
    assert.equal(viaForm.body, 'accepted');
    const viaHeader = await server.request('/submit/', { method: 'POST', headers: { cookie, 'x-csrftoken': token } });
    assert.equal(viaHeader.body, 'accepted');
    const bare = await server.request('/submit/', { method: 'DELETE', headers: { cookie, 'x-csrftoken': secret } });
    assert.equal(bare.body, 'accepted');
  });

  it('rejects with 403 and Django\'s reasons, logged as Forbidden (reason): path', async () => {
    const server = await serve({ DEBUG: true, MIDDLEWARE: [CsrfViewMiddleware] }, routes);
    const { token, cookie } = await tokenAndCookie(server);
    const cases: Array<[Record<string, string>, string, string]> = [
      [form, 'csrfmiddlewaretoken=x', 'CSRF cookie not set.'],
      [{ ...form, cookie }, '', 'CSRF token missing.'],
      [{ ...form, cookie }, 'csrfmiddlewaretoken=short', 'CSRF token from POST has incorrect length.'],
      [{ ...form, cookie }, `csrfmiddlewaretoken=${'!'.repeat(64)}`, 'CSRF token from POST has invalid characters.'],
      [{ ...form, cookie }, `csrfmiddlewaretoken=${maskSecret(randomString(32))}`, 'CSRF token from POST incorrect.'],
      [{ cookie, 'x-csrftoken': maskSecret(randomString(32)) }, '', "CSRF token from the 'X-CSRFToken' HTTP header incorrect."],
      [{ ...form, cookie: 'csrftoken=tooshort' }, `csrfmiddlewaretoken=${token}`, 'CSRF cookie has incorrect length.'],
      [{ ...form, cookie, origin: 'http://evil.com' }, `csrfmiddlewaretoken=${token}`, 'Origin checking failed - http://evil.com does not match any trusted origins.'],
    ];
    for (const [headers, body, reason] of cases) {
      const reply = await server.request('/submit/', { method: 'POST', headers, body });
      assert.equal(reply.status, 403, reason);
      assert.match(reply.body, /CSRF verification failed\. Request aborted\./);
      assert.ok(reply.body.includes(reason.replace(/'/g, '&#x27;')), reason);
      assert.equal(server.log.at(-1), `Forbidden (${reason}): /submit/`);
    }
  });

  it('accepts a matching Origin or a trusted one, lets safe methods and exempt views through', async () => {
    const server = await serve({ CSRF_TRUSTED_ORIGINS: ['https://*.example.com'], MIDDLEWARE: [CsrfViewMiddleware] }, routes);
    const { token, cookie } = await tokenAndCookie(server);
    for (const origin of [server.url, 'https://app.example.com']) {
      const reply = await server.request('/submit/', { method: 'POST', headers: { ...form, cookie, origin }, body: `csrfmiddlewaretoken=${token}` });
      assert.equal(reply.body, 'accepted', origin);
    }
    assert.equal((await server.request('/submit/', { method: 'OPTIONS' })).body, 'accepted');
    assert.equal((await server.request('/exempt/', { method: 'POST' })).body, 'exempt');
  });

  it('over HTTPS without Origin, checks the Referer', async () => {
    const server = await serve({ DEBUG: true, SECURE_PROXY_SSL_HEADER: ['HTTP_X_FORWARDED_PROTO', 'https'], MIDDLEWARE: [CsrfViewMiddleware] }, routes);
    const { token, cookie } = await tokenAndCookie(server);
    const post = (extra: Record<string, string>) =>
      server.request('/submit/', { method: 'POST', headers: { ...form, cookie, 'x-forwarded-proto': 'https', ...extra }, body: `csrfmiddlewaretoken=${token}` });
    assert.match((await post({})).body, /Referer checking failed - no Referer\./);
    assert.match((await post({ referer: 'http://127.0.0.1/' })).body, /Referer is insecure while host is secure/);
    assert.match((await post({ referer: 'https://evil.com/' })).body, /Referer checking failed - https:\/\/evil\.com\/ does not match any trusted origins\./);
    assert.equal((await post({ referer: `https://${new URL(server.url).host}/form/` })).body, 'accepted');
  });

  it('DEBUG off: the 403 page gives no reason', async () => {
    const server = await serve({ DEBUG: false, MIDDLEWARE: [CsrfViewMiddleware] }, routes);
    const reply = await server.request('/submit/', { method: 'POST' });
    assert.equal(reply.status, 403);
    assert.match(reply.body, /More information is available with DEBUG=True\./);
    assert.doesNotMatch(reply.body, /Reason given/);
  });
});
