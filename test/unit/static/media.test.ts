import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpError } from '../../../src/http/errors.js';
import { HostValidator } from '../../../src/http/host.js';
import { HttpRequest, type RequestConfig } from '../../../src/http/request.js';
import { HttpResponse } from '../../../src/http/response.js';
import { writeResponse } from '../../../src/http/write.js';
import { staticPatterns } from '../../../src/static/urls.js';
import { Resolver } from '../../../src/urls/resolver.js';
import { forbiddenTexts, hostilePaths } from '../../helpers/hostile-paths.js';
import { listen, rawRequest, type RunningServer } from '../../helpers/http-server.js';
import { APP_JS, createStaticTree, SITE_CSS, type StaticTree } from '../../helpers/static-tree.js';

const CONFIG: RequestConfig = {
  hosts: new HostValidator(['*']),
  useXForwardedHost: false,
  secureProxySslHeader: null,
  maxNumberFields: 1000,
  fileMemoryThreshold: 2_621_440,
  serverName: '127.0.0.1',
  serverPort: 80,
};

/** Routed as a project would: `staticPatterns()` URL patterns in a real Resolver; `/index/` shows indexes. */
describe('media serve view over HTTP', () => {
  let tree: StaticTree;
  let server: RunningServer;

  before(async () => {
    tree = createStaticTree();
    const documentRoot = tree.roots[0]!;
    const resolver = await Resolver.load([
      ...staticPatterns('/media/', { documentRoot, debug: true }),
      ...staticPatterns('index/', { documentRoot, debug: true, showIndexes: true }),
    ]);
    server = await listen(async (req, res) => {
      const request = new HttpRequest(req, CONFIG);
      let response: HttpResponse;
      try {
        const match = resolver.resolve(request.path);
        response = (await match.func(request, match.kwargs)) as HttpResponse;
      } catch (error) {
        response = new HttpResponse((error as Error).message, { status: error instanceof HttpError ? error.status : 500 });
      }
      await writeResponse(res, response, { head: request.method === 'HEAD' });
    });
  });
  after(async () => {
    await server.close();
    tree.cleanup();
  });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(server.base + p, { headers });

  it('serves a file inline with type, length and validators', async () => {
    const res = await get('/media/css/site.css');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), SITE_CSS);
    assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(SITE_CSS)));
    assert.equal(res.headers.get('content-disposition'), 'inline; filename="site.css"');
    assert.match(res.headers.get('etag')!, /^W\//);
    assert.ok(res.headers.get('last-modified'));
  });

  it('names a non-ASCII file with filename*=utf-8', async () => {
    const res = await get('/media/a%20b%20%C3%A9.txt');
    assert.equal(res.headers.get('content-disposition'), "inline; filename*=utf-8''a%20b%20%C3%A9.txt");
    assert.equal(await res.text(), 'spaced unicode');
  });

  it('answers 304 by ETag and by date', async () => {
    const first = await get('/media/css/site.css');
    await first.text();
    const byTag = await get('/media/css/site.css', { 'If-None-Match': first.headers.get('etag')! });
    assert.equal(byTag.status, 304);
    const byDate = await get('/media/css/site.css', { 'If-Modified-Since': first.headers.get('last-modified')! });
    assert.equal(byDate.status, 304);
  });

  it('serves ranges (206) and refuses unsatisfiable ones (416)', async () => {
    const part = await get('/media/digits.txt', { Range: 'bytes=2-4' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), 'bytes 2-4/10');
    assert.equal(await part.text(), '234');
    const none = await get('/media/digits.txt', { Range: 'bytes=50-' });
    assert.equal(none.status, 416);
    assert.equal(none.headers.get('content-range'), 'bytes */10');
  });

  it('answers HEAD without a body and serves empty files', async () => {
    const head = await rawRequest(server.port, '/media/css/site.css', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(SITE_CSS)));
    assert.equal(head.body.length, 0);
    const empty = await get('/media/empty.txt');
    assert.equal(empty.headers.get('content-length'), '0');
    assert.equal(await empty.text(), '');
  });

  it('sends a pre-compressed sibling the client accepts', async () => {
    const res = await get('/media/js/app.js', { 'Accept-Encoding': 'br' });
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.equal(res.headers.get('vary'), 'Accept-Encoding');
    assert.equal(await res.text(), APP_JS);
  });

  it("answers a missing file with Django's message and a directory with 404", async () => {
    const missing = await get('/media/nope.txt');
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), `“${tree.roots[0]}/nope.txt” does not exist`);
    const directory = await get('/media/css');
    assert.equal(directory.status, 404);
    assert.equal(await directory.text(), 'Directory indexes are not allowed here.');
  });

  it("raises SuspiciousFileOperation (400) with Django's message for ..", async () => {
    const res = await rawRequest(server.port, '/media/%2e%2e/secret.txt');
    assert.equal(res.status, 400);
    assert.equal(res.body.toString(), `The joined path (${tree.base}/secret.txt) is located outside of the base path component (${tree.roots[0]})`);
  });

  it('lists a directory with showIndexes, hiding dot-files and links that leave it', async () => {
    const res = await get('/index/');
    const body = await res.text();
    assert.match(body, /<title>Index of \.\/<\/title>/);
    assert.match(body, /<li><a href="\.\.\/">\.\.\/<\/a><\/li>/);
    assert.match(body, /<li><a href="css\/">css\/<\/a><\/li>/);
    assert.match(body, /<li><a href="a%20b%20%C3%A9\.txt">a b é\.txt<\/a><\/li>/);
    for (const hidden of ['.env', '.hidden', 'link-out.txt', 'link-dir', 'passwd']) assert.ok(!body.includes(`>${hidden}`), hidden);
    assert.match(await (await get('/index/css/')).text(), /<h1>Index of css\/<\/h1>/);
  });

  describe('hostile paths', () => {
    const forbidden = forbiddenTexts();
    for (const target of hostilePaths('/media/')) {
      it(`refuses ${JSON.stringify(target)}`, async () => {
        const res = await rawRequest(server.port, target);
        assert.ok(res.status === 400 || res.status === 404, `status ${res.status}`);
        const body = res.body.toString('latin1');
        for (const secret of forbidden) assert.ok(!body.includes(secret), `body leaks ${JSON.stringify(secret)}`);
      });
    }
  });
});
