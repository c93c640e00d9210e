/**
 * Nothing outside the static roots is ever served: each hostile request target, sent byte for byte
 * over a raw socket (fetch would normalise `..`), must get 400 or 404, never 200 or 500, and no
 * byte of the secrets next to the root, of a dot-file inside it, or of /etc/passwd.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createStaticHandler } from '../../../src/static/handler.js';
import { listen, rawRequest, type RunningServer } from '../../helpers/http-server.js';
import { createStaticTree, DOT_SECRET, SECRET, type StaticTree } from '../../helpers/static-tree.js';

const HOSTILE: string[] = [
  // `..` raw, encoded, mixed case, partly encoded
  '/static/../secret.txt',
  '/static/../../secret.txt',
  '/static/css/../../secret.txt',
  '/static/..%2fsecret.txt',
  '/static/..%2Fsecret.txt',
  '/static/%2e%2e/secret.txt',
  '/static/%2E%2E/secret.txt',
  '/static/%2e%2e%2fsecret.txt',
  '/static/.%2e/secret.txt',
  '/static/%2e./secret.txt',
  '/static/css/..%2f..%2fsecret.txt',
  '/static/css/%2e%2e/%2e%2e/secret.txt',
  '/static/..',
  '/static/../',
  '/static/%2e%2e',
  // double encoding is decoded once only
  '/static/%252e%252e/secret.txt',
  '/static/%252e%252e%252fsecret.txt',
  '/static/..%252fsecret.txt',
  '/static/%25%32%65%25%32%65/secret.txt',
  // backslashes, raw and encoded
  '/static/..\\secret.txt',
  '/static/..%5csecret.txt',
  '/static/%5c..%5csecret.txt',
  '/static/%2e%2e%5c%2e%2e%5csecret.txt',
  '/static/css\\..\\..\\secret.txt',
  // NUL bytes
  '/static/%00',
  '/static/css/site.css%00.txt',
  '/static/%00../secret.txt',
  '/static/..%00/secret.txt',
  // absolute paths and /etc/passwd
  '/static//etc/passwd',
  '/static/%2fetc%2fpasswd',
  '/static/%2Fetc/passwd',
  '/static/../../../../../../../../etc/passwd',
  '/static/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/static/passwd',
  'http://127.0.0.1/static/../secret.txt',
  'http://127.0.0.1/static/%2e%2e/../etc/passwd',
  // dot-files and dot-dirs, however spelled
  '/static/.env',
  '/static/%2eenv',
  '/static/.hidden/x.css',
  '/static/%2ehidden/x.css',
  '/static/.',
  '/static/./.env',
  '/static/....//secret.txt',
  '/static/..;/secret.txt',
  '/static/..%0d%0a/secret.txt',
  // symlinks leaving the root, or pointing at a dot-file
  '/static/link-out.txt',
  '/static/link-prefix.txt',
  '/static/link-dir/secret.txt',
  '/static/link-dir/settings.ts',
  '/static/link-dir/assets/.env',
  '/static/link-dot.txt',
  '/static/js/app2.js',
  // malformed encodings and look-alikes
  '/static/%c0%ae%c0%ae/secret.txt',
  '/static/%e0%80%ae%e0%80%ae/secret.txt',
  '/static/%uff0e%uff0e/secret.txt',
  '/static/%ef%bc%8e%ef%bc%8e/secret.txt',
  '/static/%',
  '/static/%zz',
  '/static/..%c0%afsecret.txt',
  // directories
  '/static/',
  '/static/css',
  '/static/css/',
  '/static/link-dir',
];

describe('hostile static paths', () => {
  let tree: StaticTree;
  let server: RunningServer;
  const forbidden: string[] = [SECRET, DOT_SECRET];

  before(async () => {
    tree = createStaticTree();
    if (existsSync('/etc/passwd')) forbidden.push(readFileSync('/etc/passwd', 'utf8').split('\n')[0]!);
    const handler = createStaticHandler({ url: '/static/', roots: tree.roots, debug: true });
    server = await listen((req, res) => {
      handler(req, res).then(
        (handled) => {
          if (!handled) res.writeHead(404, { 'Content-Length': '8' }).end('fallback');
        },
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
  });
  after(async () => {
    await server.close();
    tree.cleanup();
  });

  it('has at least 40 cases', () => assert.ok(HOSTILE.length >= 40, String(HOSTILE.length)));

  for (const target of HOSTILE) {
    it(`refuses ${JSON.stringify(target)}`, async () => {
      const res = await rawRequest(server.port, target);
      assert.ok(res.status === 400 || res.status === 404, `status ${res.status}`);
      const body = res.body.toString('latin1');
      for (const secret of forbidden) assert.ok(!body.includes(secret), `body leaks ${JSON.stringify(secret)}`);
    });
  }

  it('still serves the normal file next to all that', async () => {
    const res = await rawRequest(server.port, '/static/css/site.css');
    assert.equal(res.status, 200);
  });
});
