import assert from 'node:assert/strict';
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { rawRequest, type RunningServer } from '../../helpers/http-server.js';
import { APP_JS, serveStaticTree, SITE_CSS, type StaticFixture, type StaticTree } from '../../helpers/static-tree.js';

describe('static handler over HTTP', () => {
  let fixture: StaticFixture;
  let tree: StaticTree;
  let server: RunningServer;

  before(async () => {
    fixture = await serveStaticTree({ debug: true });
    ({ tree, server } = fixture);
  });
  after(() => fixture.close());

  const get = (p: string, headers: Record<string, string> = {}, method = 'GET') => fetch(server.base + p, { headers, method });

  it('serves a file with type, length, validators and no-cache', async () => {
    const res = await get('/static/css/site.css');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), SITE_CSS);
    assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(SITE_CSS)));
    assert.match(res.headers.get('etag')!, /^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    assert.match(res.headers.get('last-modified')!, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
  });

  const types: Array<[string, string]> = [
    ['/static/js/app.js', 'text/javascript; charset=utf-8'],
    ['/static/index.html', 'text/html; charset=utf-8'],
    ['/static/data.json', 'application/json; charset=utf-8'],
    ['/static/logo.png', 'image/png'],
    ['/static/font.woff2', 'font/woff2'],
    ['/static/blob.xyz', 'application/octet-stream'],
    ['/static/empty.txt', 'text/plain; charset=utf-8'],
    ['/static/js/app.js.gz', 'application/gzip'],
  ];
  for (const [url, type] of types) {
    it(`sends Content-Type ${type} for ${url}`, async () => {
      const res = await get(url);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), type);
      await res.arrayBuffer();
    });
  }

  it('decodes percent-encoded names (spaces, UTF-8)', async () => {
    const res = await get('/static/a%20b%20%C3%A9.txt');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'spaced unicode');
  });

  it('ignores the query string (cache busting)', async () => {
    const res = await get('/static/css/site.css?v=42');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), SITE_CSS);
  });

  it('serves an empty file with Content-Length 0', async () => {
    const res = await get('/static/empty.txt');
    assert.equal(res.headers.get('content-length'), '0');
    assert.equal(await res.text(), '');
  });

  it('follows a symlink whose target stays inside the root', async () => {
    const res = await get('/static/link-in.css');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), SITE_CSS);
  });

  it('answers 304 to If-None-Match with the same ETag (weak comparison, lists, *)', async () => {
    const etag = (await get('/static/css/site.css')).headers.get('etag')!;
    for (const value of [etag, etag.replace(/^W\//, ''), `"other", ${etag}`, '*']) {
      const res = await get('/static/css/site.css', { 'If-None-Match': value });
      assert.equal(res.status, 304, value);
      assert.equal(res.headers.get('etag'), etag);
      assert.equal(await res.text(), '');
    }
    assert.equal((await get('/static/css/site.css', { 'If-None-Match': '"nope"' })).status, 200);
  });

  it('answers 304 to If-Modified-Since at or after the mtime, 200 before it or when invalid', async () => {
    const lastModified = (await get('/static/css/site.css')).headers.get('last-modified')!;
    assert.equal((await get('/static/css/site.css', { 'If-Modified-Since': lastModified })).status, 304);
    const later = new Date(Date.parse(lastModified) + 60_000).toUTCString();
    assert.equal((await get('/static/css/site.css', { 'If-Modified-Since': later })).status, 304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    assert.equal((await get('/static/css/site.css', { 'If-Modified-Since': earlier })).status, 200);
    assert.equal((await get('/static/css/site.css', { 'If-Modified-Since': 'yesterday' })).status, 200);
  });

  it('lets If-None-Match win over If-Modified-Since', async () => {
    const lastModified = (await get('/static/css/site.css')).headers.get('last-modified')!;
    const res = await get('/static/css/site.css', { 'If-None-Match': '"stale"', 'If-Modified-Since': lastModified });
    assert.equal(res.status, 200);
  });

  it('changes the validators when the file changes on disk', async () => {
    const file = path.join(tree.roots[0]!, 'digits.txt');
    const before = (await get('/static/digits.txt')).headers.get('etag')!;
    writeFileSync(file, '01234567890');
    utimesSync(file, new Date(1_000_000_000_000), new Date(1_000_000_000_000));
    const res = await get('/static/digits.txt', { 'If-None-Match': before });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '01234567890');
    writeFileSync(file, '0123456789');
  });

  it('serves a single Range with 206 and Content-Range', async () => {
    const cases: Array<[string, string, string]> = [
      ['bytes=0-3', '0123', 'bytes 0-3/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-2', '89', 'bytes 8-9/10'],
      ['bytes=5-100', '56789', 'bytes 5-9/10'],
      ['bytes=-50', '0123456789', 'bytes 0-9/10'],
    ];
    for (const [range, body, contentRange] of cases) {
      const res = await get('/static/digits.txt', { Range: range });
      assert.equal(res.status, 206, range);
      assert.equal(res.headers.get('content-range'), contentRange);
      assert.equal(res.headers.get('content-length'), String(body.length));
      assert.equal(await res.text(), body);
    }
  });

  it('answers 416 with bytes */size to an unsatisfiable range', async () => {
    for (const range of ['bytes=10-', 'bytes=20-30', 'bytes=-0']) {
      const res = await get('/static/digits.txt', { Range: range });
      assert.equal(res.status, 416, range);
      assert.equal(res.headers.get('content-range'), 'bytes */10');
      assert.equal(await res.text(), '');
    }
  });

  it('ignores malformed, multiple and non-byte ranges and sends the whole file', async () => {
    for (const range of ['bytes=0-1,4-5', 'items=0-1', 'bytes=5-2', 'bytes=x-y', 'bytes=-']) {
      const res = await get('/static/digits.txt', { Range: range });
      assert.equal(res.status, 200, range);
      assert.equal(await res.text(), '0123456789');
    }
  });

  it('ignores Range when If-Range does not match (our weak ETag never does)', async () => {
    const first = await get('/static/digits.txt');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    assert.equal((await get('/static/digits.txt', { Range: 'bytes=0-1', 'If-Range': etag })).status, 200);
    const res = await get('/static/digits.txt', { Range: 'bytes=0-1', 'If-Range': lastModified });
    assert.equal(res.status, 206);
    assert.equal(await res.text(), '01');
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const res = await rawRequest(server.port, '/static/css/site.css', 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], String(Buffer.byteLength(SITE_CSS)));
    assert.equal(res.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(res.body.length, 0);
    const missing = await rawRequest(server.port, '/static/nope.css', 'HEAD');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.length, 0);
  });

  it('refuses other methods with 405 and Allow', async () => {
    const res = await get('/static/css/site.css', {}, 'POST');
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
  });

  it('prefers br, then gzip, when the client accepts them, with Vary', async () => {
    const br = await get('/static/js/app.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    assert.equal(br.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await br.text(), APP_JS); // fetch decodes it
    const raw = await rawRequest(server.port, '/static/js/app.js', 'GET', 'Accept-Encoding: gzip\r\n');
    assert.equal(raw.headers['content-encoding'], 'gzip');
    assert.ok(Number(raw.headers['content-length']) < Buffer.byteLength(APP_JS));
    assert.equal(gunzipSync(raw.body).toString(), APP_JS);
    const qZero = await rawRequest(server.port, '/static/js/app.js', 'GET', 'Accept-Encoding: br;q=0, gzip;q=0.5\r\n');
    assert.equal(qZero.headers['content-encoding'], 'gzip');
  });

  it('sends the plain file, still with Vary, when no accepted encoding exists', async () => {
    const res = await rawRequest(server.port, '/static/js/app.js', 'GET', 'Accept-Encoding: identity\r\n');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(res.body.toString(), APP_JS);
    const none = await rawRequest(server.port, '/static/css/site.css', 'GET', 'Accept-Encoding: gzip, br\r\n');
    assert.equal(none.headers.vary, undefined);
    assert.equal(none.headers['content-encoding'], undefined);
  });

  it('gives compressed variants their own ETag and ranges over the compressed bytes', async () => {
    const plain = await rawRequest(server.port, '/static/js/app.js');
    const gz = await rawRequest(server.port, '/static/js/app.js', 'GET', 'Accept-Encoding: gzip\r\n');
    assert.notEqual(plain.headers.etag, gz.headers.etag);
    const notModified = await rawRequest(server.port, '/static/js/app.js', 'GET', `Accept-Encoding: gzip\r\nIf-None-Match: ${gz.headers.etag}\r\n`);
    assert.equal(notModified.status, 304);
    const part = await rawRequest(server.port, '/static/js/app.js', 'GET', 'Accept-Encoding: gzip\r\nRange: bytes=0-1\r\n');
    assert.equal(part.status, 206);
    assert.deepEqual([...part.body], [0x1f, 0x8b]);
  });

  it('ignores a compressed sibling that is a symlink leaving the root', async () => {
    const res = await rawRequest(server.port, '/static/js/only-gz.js', 'GET', 'Accept-Encoding: br\r\n');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.body.toString(), APP_JS);
  });

  it('searches STATICFILES_DIRS first, then apps in order; the first match wins', async () => {
    assert.equal(await (await get('/static/css/site.css')).text(), SITE_CSS);
    assert.equal(await (await get('/static/app.css')).text(), '/* app1 */\n');
    assert.equal(await (await get('/static/app2-only.css')).text(), '/* app2 only */\n');
  });

  it('refuses directory indexes with 404 and Django message', async () => {
    for (const url of ['/static/', '/static/css', '/static/css/']) {
      const res = await get(url);
      assert.equal(res.status, 404, url);
      assert.match(await res.text(), /Directory indexes are not allowed here\./);
    }
  });

  it('answers a missing file with a readable, escaped DEBUG 404 page', async () => {
    const res = await get('/static/nope/%3Cscript%3E.css');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const body = await res.text();
    assert.match(body, /<title>Page not found at \/static\/nope\/&lt;script&gt;\.css<\/title>/);
    assert.match(body, /&#x27;nope\/&lt;script&gt;\.css&#x27; could not be found/);
    assert.ok(!body.includes('<script>'));
    assert.ok(body.includes(tree.roots[0]!), 'lists the folders searched');
  });

  it('declines paths outside STATIC_URL so the pipeline continues', async () => {
    for (const url of ['/', '/staticx/css/site.css', '/static', '/other/static/css/site.css']) {
      const res = await get(url);
      assert.equal(await res.text(), 'fallback', url);
    }
  });

  it('streams a large file in full, and a range from its middle', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7);
    for (let i = 0; i < big.length; i += 1) big[i] = i % 251;
    writeFileSync(path.join(tree.roots[0]!, 'big.bin'), big);
    const res = await get('/static/big.bin');
    assert.equal(res.headers.get('content-length'), String(big.length));
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(big));
    const part = await get('/static/big.bin', { Range: 'bytes=2000000-2000009' });
    assert.ok(Buffer.from(await part.arrayBuffer()).equals(big.subarray(2_000_000, 2_000_010)));
  });
});

describe('static handler without DEBUG (--insecure)', () => {
  let fixture: StaticFixture;
  before(async () => (fixture = await serveStaticTree({ debug: false })));
  after(() => fixture.close());

  it("answers 404 with Django's standard Not Found page and no paths", async () => {
    const res = await fetch(`${fixture.server.base}/static/nope.css`);
    assert.equal(res.status, 404);
    const body = await res.text();
    assert.equal(Buffer.byteLength(body), 179);
    assert.match(body, /<h1>Not Found<\/h1><p>The requested resource was not found on this server\.<\/p>/);
    assert.ok(!body.includes(fixture.tree.base));
  });
});
