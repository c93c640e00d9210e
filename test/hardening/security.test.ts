/**
 * Security review, as tests against a real `manage runserver --noreload` on the hardening fixture:
 * nothing internal with DEBUG off, every reflected string escaped on every error page, redirects
 * that stay on this host, cookie flags, and CSRF on unsafe methods.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseResponses, sendRaw, type ParsedResponse } from '../helpers/raw-http.js';
import { cleanEnv, ProcessPool, REPO_ROOT } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

const cwd = path.join(FIXTURES, 'hardening');
const pool = new ProcessPool();
after(() => pool.killAll());

/** Ports of the two servers: DEBUG off (with --insecure, so static files are in play) and on. */
const ports = { off: 0, on: 0 };
before(async () => {
  const start = async (debug: boolean) => {
    const server = pool.start(['runserver', '--noreload', ...(debug ? [] : ['--insecure']), '127.0.0.1:0'], {
      cwd,
      env: cleanEnv({ HARDEN_DEBUG: debug ? '1' : '0', MANAGE_RUNSERVER_HIDE_WARNING: 'true' }),
    });
    return Number(new URL(await server.ready()).port);
  };
  [ports.off, ports.on] = await Promise.all([start(false), start(true)]);
});

/** One request with the target and headers exactly as given. */
async function send(port: number, target: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<ParsedResponse & { text: string }> {
  const headers = { Host: '127.0.0.1', Connection: 'close', ...options.headers };
  if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
  const head = `${options.method ?? 'GET'} ${target} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const exchange = await sendRaw(port, [Buffer.from(head + (options.body ?? ''), 'latin1')]);
  const [response] = parseResponses(exchange.bytes, new Set(options.method === 'HEAD' ? [0] : [])).responses;
  assert.ok(response, `no response to ${target}: ${JSON.stringify(exchange.bytes.toString('latin1').slice(0, 200))}`);
  return { ...response, text: response.body.toString('utf8') };
}

const MARK = '<zq>';
const ENC = '%3Czq%3E';

/** The error pages, each with user input reflected in it: path, query, Host, Origin, exception message. */
const REFLECTING: Array<{ page: string; status: number; target: string; headers?: Record<string, string>; method?: string }> = [
  { page: '404 (URLconf)', status: 404, target: `/nope${ENC}/` },
  { page: '404 (raw < in the target)', status: 404, target: `/nope/${MARK}` },
  { page: '500 (exception message and GET)', status: 500, target: `/boom/?q=${ENC}&${ENC}=1` },
  { page: '400 DisallowedHost', status: 400, target: '/', headers: { Host: `${MARK}.evil` } },
  { page: '400 DisallowedHost (port)', status: 400, target: '/', headers: { Host: `evil.com:${ENC}` } },
  { page: 'CSRF 403 (Origin)', status: 403, target: `/form/?q=${ENC}`, method: 'POST', headers: { Origin: `http://${MARK}.evil` } },
  { page: 'CSRF 403 (no token)', status: 403, target: `/form/${MARK}?q=${ENC}`, method: 'POST' },
  { page: 'static 404', status: 404, target: `/static/${ENC}.css` },
  { page: 'static 404 (raw)', status: 404, target: `/static/css/${MARK}.css?${MARK}` },
  { page: 'media 404', status: 404, target: `/media/${ENC}.txt` },
  { page: 'media 404 (directory)', status: 404, target: `/media/uploads/` },
];

describe('security: error pages', () => {
  for (const mode of ['on', 'off'] as const) {
    for (const { page, status, target, headers, method } of REFLECTING) {
      it(`DEBUG ${mode}: ${page} escapes what it reflects`, async () => {
        const reply = await send(ports[mode], target, { headers, method });
        // CSRF 403 for a path the URLconf lacks is still a 403: the middleware runs before the view.
        if (!(page.startsWith('CSRF') && reply.status === 404)) assert.equal(reply.status, status, reply.text.slice(0, 300));
        assert.ok(!reply.text.includes(MARK), `unescaped ${MARK} in:\n${reply.text}`);
        if (mode === 'off') {
          assert.ok(!reply.text.includes('    at '), 'a stack trace with DEBUG off');
          assert.ok(!reply.text.includes(REPO_ROOT.replace(/\/$/, '')), 'a project path with DEBUG off');
          assert.doesNotMatch(reply.text, /Traceback|URLconf|settings\.ts|Request Method:|SECRET/, 'a debug page with DEBUG off');
        }
      });
    }
  }

  it('DEBUG on: the pages do show the escaped input (the marker was really reflected)', async () => {
    for (const { target, headers, method } of REFLECTING.slice(0, 4)) {
      const reply = await send(ports.on, target, { headers, method });
      assert.ok(reply.text.includes('&lt;zq&gt;') || reply.text.includes(ENC), `${target}: nothing reflected`);
    }
  });
});

describe('security: redirects stay on this host', () => {
  const TARGETS = [
    // APPEND_SLASH (CommonMiddleware) on a route that starts with a path converter
    '//evil.com/raw', '///evil.com/raw', '/\\evil.com/raw', '/\\\\evil.com/raw', '/%5Cevil.com/raw', '/%5C%5Cevil.com/raw',
    '/%2F%2Fevil.com/raw', '/%2F/evil.com/raw', '/%2f%2fevil.com/raw', '/%09/evil.com/raw', '/%2F%5Cevil.com/raw',
    '//evil.com/raw?next=//evil.com', '/%252F%252Fevil.com/raw', '//evil.com%2F/raw', '/http://evil.com/raw', '/http:%2F%2Fevil.com/raw',
    // redirect() to reverse('raw', {rest: <user input>})
    '/root/%2Fevil.com/', '/root//evil.com/', '/root/%5Cevil.com/', '/root/%5C%5Cevil.com/', '/root/%2F%2Fevil.com/',
    '/root/%2F%5Cevil.com/', '/root/%09%2Fevil.com/', '/root/http:%2F%2Fevil.com/', '/root/%2F%2F%2Fevil.com/',
    // redirect() to reverse('page', ...) and to an ordinary path
    '/go/%2F%2Fevil.com/', '/go//evil.com/', '/go/%5Cevil.com/', '/json', '/echo?q=//evil.com',
  ];
  for (const mode of ['on', 'off'] as const) {
    it(`DEBUG ${mode}: no Location leaves 127.0.0.1 (${TARGETS.length} shapes)`, async () => {
      let redirects = 0;
      for (const target of TARGETS) {
        const reply = await send(ports[mode], target);
        const location = reply.headers.location;
        if (location === undefined) continue;
        redirects++;
        const base = `http://127.0.0.1:${ports[mode]}/`;
        assert.equal(new URL(location, base).host, new URL(base).host, `${target} redirects to ${location}`);
        assert.doesNotMatch(location, /^[/\\]{2}|^\/[\\\t]|^[a-z]+:/i, `${target} → ${location} is not a plain local path`);
      }
      assert.ok(redirects >= 15, `only ${redirects} of the shapes redirected: the fixture routes changed?`);
    });
  }
});

/** `Set-Cookie` lines by cookie name. */
function cookies(reply: ParsedResponse): Record<string, string> {
  const lines = reply.headers['set-cookie']?.split('\n') ?? [];
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
}

describe('security: cookies', () => {
  it('the session cookie is HttpOnly, SameSite=Lax, Path=/; the CSRF cookie SameSite=Lax and readable by scripts (as Django)', async () => {
    const session = cookies(await send(ports.off, '/visit/')).sessionid;
    assert.ok(session, 'no session cookie');
    assert.match(session, /; HttpOnly(;|$)/);
    assert.match(session, /; SameSite=Lax(;|$)/);
    assert.match(session, /; Path=\/(;|$)/);
    assert.doesNotMatch(session, /; Secure/, 'SESSION_COOKIE_SECURE is off by default');
    const csrf = cookies(await send(ports.off, '/form/')).csrftoken;
    assert.ok(csrf, 'no csrftoken cookie');
    assert.match(csrf, /; SameSite=Lax(;|$)/);
    assert.match(csrf, /; Path=\/(;|$)/);
    assert.match(csrf, /; Max-Age=31449600(;|$)/);
    assert.doesNotMatch(csrf, /HttpOnly/, 'CSRF_COOKIE_HTTPONLY is off by default (JavaScript reads the token)');
  });
});

describe('security: CSRF', () => {
  it('refuses POST, PUT, PATCH and DELETE without a token, with a wrong one and with a token but no cookie', async () => {
    const form = await send(ports.off, '/form/');
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form.text)![1]!;
    const cookie = cookies(form).csrftoken!.split(';')[0]!;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const bare = await send(ports.off, '/form/', { method, body: 'text=hi', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      assert.equal(bare.status, 403, `${method} without a token`);
      const wrong = await send(ports.off, '/form/', { method, headers: { Cookie: cookie, 'X-CSRFToken': 'x'.repeat(32) } });
      assert.equal(wrong.status, 403, `${method} with a wrong token`);
      const noCookie = await send(ports.off, '/form/', { method, headers: { 'X-CSRFToken': token } });
      assert.equal(noCookie.status, 403, `${method} with a token but no cookie`);
      const ok = await send(ports.off, '/form/', { method, headers: { Cookie: cookie, 'X-CSRFToken': token } });
      assert.equal(ok.status, 200, `${method} with the header token`);
    }
    const posted = await send(ports.off, '/form/', {
      method: 'POST',
      body: `csrfmiddlewaretoken=${encodeURIComponent(token)}&text=hi`,
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.deepEqual(JSON.parse(posted.text), { text: 'hi' });
  });

  it('lets GET, HEAD, OPTIONS and TRACE-like safe methods through without a token', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      const reply = await send(ports.off, '/json/', { method });
      assert.notEqual(reply.status, 403, method);
    }
  });

  it('a cross-origin POST with a valid token pair is still refused on Origin', async () => {
    const form = await send(ports.off, '/form/');
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(form.text)![1]!;
    const cookie = cookies(form).csrftoken!.split(';')[0]!;
    const reply = await send(ports.off, '/form/', { method: 'POST', headers: { Cookie: cookie, 'X-CSRFToken': token, Origin: 'http://evil.com' } });
    assert.equal(reply.status, 403);
  });
});
