import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { HttpResponse } from '../../../src/http/response.js';
import { escapeLeadingSlashes } from '../../../src/middleware/common.js';
import { CommonMiddleware } from '../../../src/middleware/index.js';
import { noAppendSlash } from '../../../src/views/decorators.js';
import { closeAll, serve, tableRouting } from '../../helpers/app-server.js';

after(closeAll);

const routes = tableRouting({
  '/ok/': () => new HttpResponse('ok'),
  '/needsquoting#/': () => new HttpResponse('quoted'),
  '//evil.com/security/': () => new HttpResponse('evil'),
  '/noslash/': noAppendSlash(() => new HttpResponse('no slash')),
  '/bare': () => new HttpResponse('bare'),
});

describe('CommonMiddleware', () => {
  it('APPEND_SLASH: 301 to the slash URL keeping the query string', async () => {
    const server = await serve({ MIDDLEWARE: [CommonMiddleware] }, routes);
    const reply = await server.request('/ok?x=1&y=%20');
    assert.equal(reply.status, 301);
    assert.equal(reply.headers.location, '/ok/?x=1&y=%20');
  });

  it('APPEND_SLASH: no redirect when the path resolves as is, when nothing matches with a slash, or when the view opts out', async () => {
    const server = await serve({ MIDDLEWARE: [CommonMiddleware] }, routes);
    assert.equal((await server.request('/bare')).body, 'bare');
    assert.equal((await server.request('/nothing')).status, 404);
    assert.equal((await server.request('/noslash')).status, 404);
    const off = await serve({ MIDDLEWARE: [CommonMiddleware], APPEND_SLASH: false }, routes);
    assert.equal((await off.request('/ok')).status, 404);
  });

  it('APPEND_SLASH keeps quoted characters quoted and never makes a protocol-relative Location', async () => {
    const server = await serve({ MIDDLEWARE: [CommonMiddleware] }, routes);
    assert.equal((await server.request('/needsquoting%23')).headers.location, '/needsquoting%23/');
    assert.equal((await server.request('/%2Fevil.com/security')).headers.location, '/%2Fevil.com/security/');
    assert.equal(escapeLeadingSlashes('//evil.com/security/'), '/%2Fevil.com/security/');
  });

  it('in DEBUG a POST to the slash-less URL is an error naming the fix, not a redirect', async () => {
    const server = await serve({ DEBUG: true, MIDDLEWARE: [CommonMiddleware] }, routes);
    const reply = await server.request('/ok', { method: 'POST', headers: { host: '127.0.0.1:8000', accept: 'text/plain' } });
    assert.equal(reply.status, 500);
    assert.match(reply.body, /^RuntimeError at \/ok\n/);
    assert.match(
      reply.body,
      /You called this URL via POST, but the URL doesn't end in a slash and you have APPEND_SLASH set\. managets can't redirect to the slash URL while maintaining POST data\. Change your form to point to 127\.0\.0\.1:8000\/ok\/ \(note the trailing slash\), or set APPEND_SLASH=False in your settings\./,
    );
    const production = await serve({ DEBUG: false, ALLOWED_HOSTS: ['*'], MIDDLEWARE: [CommonMiddleware] }, routes);
    assert.equal((await production.request('/ok', { method: 'POST' })).status, 301);
  });

  it('PREPEND_WWW redirects to the www host, adding the slash in the same redirect', async () => {
    const server = await serve({ ALLOWED_HOSTS: ['.example.com'], PREPEND_WWW: true, MIDDLEWARE: [CommonMiddleware] }, routes);
    const reply = await server.request('/ok?a=1', { headers: { host: 'example.com' } });
    assert.equal(reply.status, 301);
    assert.equal(reply.headers.location, 'http://www.example.com/ok/?a=1');
    assert.equal((await server.request('/ok/', { headers: { host: 'www.example.com' } })).body, 'ok');
  });

  it('refuses DISALLOWED_USER_AGENTS with 403', async () => {
    const server = await serve({ DISALLOWED_USER_AGENTS: [/bot/i], MIDDLEWARE: [CommonMiddleware] }, routes);
    assert.equal((await server.request('/ok/', { headers: { 'user-agent': 'EvilBot/1.0' } })).status, 403);
    assert.equal((await server.request('/ok/', { headers: { 'user-agent': 'Firefox' } })).status, 200);
  });

  it('a Host outside ALLOWED_HOSTS is a 400 and the log line says which host to add', async () => {
    const server = await serve({ DEBUG: true, MIDDLEWARE: [CommonMiddleware] }, routes);
    const reply = await server.request('/ok/', { headers: { host: 'evil.com' } });
    assert.equal(reply.status, 400);
    assert.match(reply.body, /<title>DisallowedHost at \/ok\/<\/title>/);
    assert.match(reply.body, /http:\/\/evil\.com\/ok\//);
    assert.ok(server.log.includes("Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS."), server.log.join('\n'));
    const bad = await server.request('/ok/', { headers: { host: 'bad_host!' } });
    assert.equal(bad.status, 400);
    assert.ok(server.log.some((line) => line.endsWith('The domain name provided is not valid according to RFC 1034/1035.')));
    const production = await serve({ DEBUG: false, ALLOWED_HOSTS: ['example.com'], MIDDLEWARE: [CommonMiddleware] }, routes);
    const minimal = await production.request('/ok/', { headers: { host: 'evil.com' } });
    assert.equal(minimal.status, 400);
    assert.equal(minimal.body, '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Bad Request (400)</title>\n</head>\n<body>\n  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n');
    assert.equal((await production.request('/ok/', { headers: { host: 'example.com' } })).status, 200);
  });

  it('sets Content-Length on non-streaming responses', async () => {
    const server = await serve({ MIDDLEWARE: [CommonMiddleware] }, routes);
    assert.equal((await server.request('/ok/')).headers['content-length'], '2');
  });
});
