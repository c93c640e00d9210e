/**
 * Nothing outside the static roots is ever served: each hostile request target, sent byte for byte
 * over a raw socket (fetch would normalise `..`), must get 400 or 404, never 200 or 500, and no
 * byte of the secrets next to the root, of a dot-file inside it, or of /etc/passwd.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaticHandler } from '../../../src/static/handler.js';
import { listen, rawRequest, type RunningServer } from '../../helpers/http-server.js';
import { forbiddenTexts, hostilePaths } from '../../helpers/hostile-paths.js';
import { createStaticTree, type StaticTree } from '../../helpers/static-tree.js';

describe('hostile static paths', () => {
  let tree: StaticTree;
  let server: RunningServer;
  const forbidden = forbiddenTexts();
  const HOSTILE = hostilePaths('/static/');

  before(async () => {
    tree = createStaticTree();
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
