import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { bindSharedSocket, BindError } from '../../../src/reloader/socket.js';

describe('bindSharedSocket', () => {
  it('binds port 0 to a real port and does not listen itself', async () => {
    const socket = await bindSharedSocket('127.0.0.1', 0);
    try {
      assert.ok(socket.port > 0);
      assert.equal(socket.family, 'IPv4');
      // Bound, not listening: the supervisor never accepts (children call listen).
      await assert.rejects(connect(socket.port), { code: 'ECONNREFUSED' });
    } finally {
      socket.close();
    }
  });

  it('reports a port in use as EADDRINUSE before any child exists', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as net.AddressInfo;
    try {
      await assert.rejects(bindSharedSocket('127.0.0.1', port), (error: unknown) => {
        assert.ok(error instanceof BindError);
        assert.equal(error.code, 'EADDRINUSE');
        assert.equal(error.syscall, 'listen');
        assert.match(error.message, /address already in use/);
        return true;
      });
    } finally {
      other.close();
    }
  });

  it('reports an address that is not local as EADDRNOTAVAIL', async () => {
    await assert.rejects(bindSharedSocket('192.0.2.1', 0), { code: 'EADDRNOTAVAIL' });
  });
});

function connect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = net.connect(port, '127.0.0.1', () => {
      client.destroy();
      resolve();
    });
    client.once('error', reject);
  });
}
