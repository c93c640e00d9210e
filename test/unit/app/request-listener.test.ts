import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
// The built package, as a production server imports it (the fixture's views import it too).
import { getRequestListener } from 'managets';
import { request } from '../../helpers/http.js';
import { FIXTURES } from '../../helpers/tmp-project.js';

describe('getRequestListener', () => {
  it("serves a project from a plain node:http server, settings found through package.json", async () => {
    const listener = await getRequestListener({ baseDir: path.join(FIXTURES, 'runserver'), env: {} });
    const server = http.createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      assert.equal((await request(`${base}/`)).body, 'hello');
      assert.equal((await request(`${base}/nothing-here/`)).status, 404);
    } finally {
      server.close();
    }
  });

  it('fails like every command when no settings are named', async () => {
    await assert.rejects(getRequestListener({ baseDir: '/', env: {} }), /settings are not configured/);
  });
});
