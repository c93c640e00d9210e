/** innerRun as the reloader's child will call it: on a socket someone else bound, stopped by a signal. */
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createContext } from '../../../src/cli/context.js';
import { createStyle } from '../../../src/cli/style.js';
import type { CommandContext, Output } from '../../../src/commands/command.js';
import { innerRun } from '../../../src/commands/runserver/inner-run.js';
import { parseAddrPort } from '../../../src/http/address.js';
import { listenOn } from '../../../src/http/listen.js';
import { request } from '../../helpers/http.js';
import { FIXTURES } from '../../helpers/tmp-project.js';

function memoryOutput(): Output & { text: string } {
  const output = { text: '', isTTY: false, style: createStyle(false), write: (chunk: string) => void (output.text += chunk) };
  return output;
}

function testContext(): { context: CommandContext; stdout: { text: string }; stderr: { text: string }; signal(count: number): void } {
  const base = createContext({ prog: 'manage', env: {}, baseDir: path.join(FIXTURES, 'runserver'), verbosity: 1, traceback: false, color: {} });
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  let listener: ((count: number) => void) | undefined;
  const context: CommandContext = {
    ...base,
    stdout,
    stderr,
    signals: {
      onShutdown(next) {
        listener = next;
        return () => (listener = undefined);
      },
    },
  };
  return { context, stdout, stderr, signal: (count) => listener?.(count) };
}

const options = { address: parseAddrPort('127.0.0.1:0'), threading: true, skipChecks: false, noStatic: false, insecure: false };

describe('innerRun', () => {
  it("serves on the supervisor's listening socket and stops when aborted", async () => {
    const handle = net.createServer();
    await new Promise<void>((resolve) => handle.listen(0, '127.0.0.1', resolve));
    const { port } = handle.address() as net.AddressInfo;
    const { context, stdout, stderr } = testContext();
    const stop = new AbortController();
    let servingOn = 0;
    const running = innerRun(context, options, { listen: listenOn(handle), signal: stop.signal, onServing: (p) => (servingOn = p) });
    try {
      while (servingOn === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(servingOn, port);
      assert.match(stdout.text, /^Performing system checks\.\.\.\n\nSystem check identified no issues \(0 silenced\)\.\n/);
      assert.match(stdout.text, new RegExp(`Starting development server at http://127\\.0\\.0\\.1:${port}/\\n`));
      assert.equal((await request(`http://127.0.0.1:${port}/x`)).status, 404);
    } finally {
      stop.abort();
      await running;
      handle.close();
    }
    assert.match(stderr.text, /"GET \/x HTTP\/1\.1" 404 \d+\n$/);
  });

  it('stops gracefully on the first signal and returns at once on the second', async () => {
    const { context, signal } = testContext();
    let servingOn = 0;
    const running = innerRun(context, { ...options, skipChecks: true }, { onServing: (p) => (servingOn = p) });
    while (servingOn === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const stalled = net.connect(servingOn, '127.0.0.1', () => stalled.write('POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n'));
    stalled.on('error', () => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    signal(1);
    signal(2);
    const started = Date.now();
    await running;
    assert.ok(Date.now() - started < 1000);
    stalled.destroy();
  });
});
