/**
 * Nothing outside the static roots is ever served: each hostile request target, sent byte for byte
 * over a raw socket (fetch would normalise `..`), must get 400 or 404, never 200 or 500, and no
 * byte of the secrets next to the root, of a dot-file inside it, or of /etc/passwd.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawRequest } from '../../helpers/http-server.js';
import { forbiddenTexts, hostilePaths } from '../../helpers/hostile-paths.js';
import { serveStaticTree, type StaticFixture } from '../../helpers/static-tree.js';

describe('hostile static paths', () => {
  let fixture: StaticFixture;
  const forbidden = forbiddenTexts();
  const HOSTILE = hostilePaths('/static/');

  before(async () => (fixture = await serveStaticTree({ debug: true })));
  after(() => fixture.close());

  it('has at least 40 cases', () => assert.ok(HOSTILE.length >= 40, String(HOSTILE.length)));

  for (const target of HOSTILE) {
    it(`refuses ${JSON.stringify(target)}`, async () => {
      const res = await rawRequest(fixture.server.port, target);
      assert.ok(res.status === 400 || res.status === 404, `status ${res.status}`);
      const body = res.body.toString('latin1');
      for (const secret of forbidden) assert.ok(!body.includes(secret), `body leaks ${JSON.stringify(secret)}`);
    });
  }

  it('still serves the normal file next to all that', async () => {
    const res = await rawRequest(fixture.server.port, '/static/css/site.css');
    assert.equal(res.status, 200);
  });
});
