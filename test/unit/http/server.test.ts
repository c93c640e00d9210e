/** The dev server over real sockets, in-process: semantics, refusals, logging, shutdown. */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAddrPort } from '../../../src/http/address.js';
import { bindTo, boundPort } from '../../../src/http/listen.js';
import { createLogger, INFO } from '../../../src/http/log.js';
import type { LogSink } from '../../../src/http/log-sink.js';
import { createDevServer, type DevServer, type DevServerOptions } from '../../../src/http/server.js';
import { rawExchange, request } from '../../helpers/http.js';

const servers: DevServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) server.destroy();
});

/** A started server whose log lines (without the time prefix) collect in `lines`. */
async function start(handler: DevServerOptions['handler'], options: Partial<DevServerOptions> = {}) {
  const lines: string[] = [];
  const sink: LogSink = { write: (line) => void lines.push(line.replace(/^\[[^\]]+\] /, '').trimEnd()), flush: async () => {}, close: async () => {} };
  const dev = createDevServer({ handler, threading: true, log: createLogger({ level: INFO, sink, timestamps: true }), ...options });
  servers.push(dev);
  await dev.listen(bindTo(parseAddrPort('127.0.0.1:0')));
  const port = boundPort(dev.server);
  return { dev, port, url: `http://127.0.0.1:${port}`, lines };
}

const hello = (req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 5 }).end('hello');
};
const slow = async (_req: IncomingMessage, res: ServerResponse) => {
  await sleep(300);
  res.writeHead(200, { 'Content-Length': 4 }).end('slow');
};

describe('dev server: HTTP/1.1 and the request log', () => {
  it('keeps connections alive and logs each request with its body bytes', async () => {
    const { port, lines } = await start(hello);
    const reply = await rawExchange(port, 'GET /a?q=1 HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nHost: x\r\n\r\n', 300);
    assert.equal(reply.match(/HTTP\/1\.1 200 OK/g)?.length, 2);
    assert.match(reply, /Connection: keep-alive/);
    assert.deepEqual(lines, ['"GET /a?q=1 HTTP/1.1" 200 5', '"HEAD /b HTTP/1.1" 200 0']);
  });

  it('counts streamed bytes whoever writes them, and HTTP/1.0 and 0.9 request lines as sent', async () => {
    const { port, url, lines } = await start((_req, res) => {
      res.write('ab');
      res.write(Buffer.from('cde'));
      res.end('€');
    });
    assert.equal((await request(`${url}/stream`)).body, 'abcde€');
    await rawExchange(port, 'GET /old HTTP/1.0\r\n\r\n');
    await rawExchange(port, 'GET /older\r\n\r\n');
    assert.deepEqual(lines, ['"GET /stream HTTP/1.1" 200 8', '"GET /old HTTP/1.0" 200 8', '"GET /older" 200 8']);
  });

  it('appends the time taken when timing', async () => {
    const { url, lines } = await start(hello, { timing: true });
    await request(url);
    assert.match(lines[0]!, /^"GET \/ HTTP\/1\.1" 200 5 \(\d+\.\d\d ms\)$/);
  });

  it('serves requests that arrived before the application was set', async () => {
    const { dev, url, lines } = await start(undefined as never);
    const pending = request(`${url}/early`);
    await sleep(50);
    dev.setHandler(hello);
    assert.equal((await pending).body, 'hello');
    assert.deepEqual(lines, ['"GET /early HTTP/1.1" 200 5']);
  });
});

describe('dev server: half-closed clients', () => {
  it('answers a client that half-closes right after its request, even when the answer is async (fuzzer finding)', async () => {
    const { port } = await start(slow);
    const reply = await new Promise<string>((resolve) => {
      let received = '';
      const socket = net.connect(port, '127.0.0.1', () => socket.end('GET /x HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
    });
    assert.match(reply, /^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nslow$/);
  });
});

describe('dev server: threading', () => {
  it('handles requests concurrently by default', async () => {
    const { url } = await start(slow);
    const started = Date.now();
    await Promise.all([request(url), request(url)]);
    assert.ok(Date.now() - started < 550, `took ${Date.now() - started} ms`);
  });

  it('with threading off, serves one request at a time and closes every connection', async () => {
    const { url } = await start(slow, { threading: false });
    const started = Date.now();
    const replies = await Promise.all([request(url), request(url)]);
    assert.ok(Date.now() - started >= 600, `took ${Date.now() - started} ms`);
    for (const reply of replies) assert.equal(reply.headers.connection, 'close');
  });
});

describe('dev server: refusals (the app never sees them)', () => {
  const cases: Array<[string, string | Buffer, RegExp, string[]]> = [
    ['a one-word request line', 'GET\r\n\r\n', /^HTTP\/1\.1 400 Bad Request/, ["code 400, message Bad request syntax ('GET')", '"GET" 400 -']],
    ['a bad version', 'GET /ok/ HTTP/x.y\r\n\r\n', /^HTTP\/1\.1 400/, ["code 400, message Bad request version ('HTTP/x.y')", '"GET /ok/ HTTP/x.y" 400 -']],
    ['HTTP/2.0', 'GET /ok/ HTTP/2.0\r\n\r\n', /^HTTP\/1\.1 505/, ['code 505, message Invalid HTTP version (2.0)', '"GET /ok/ HTTP/2.0" 505 -']],
    ['an HTTP/0.9 POST', 'POST /x\r\n\r\n', /^HTTP\/1\.1 400/, ["code 400, message Bad HTTP/0.9 request type ('POST')", '"POST /x" 400 -']],
    ['an invalid header character', 'GET / HTTP/1.1\r\nX-Bad\x01: y\r\n\r\n', /^HTTP\/1\.1 400/, ["code 400, message Bad request syntax ('GET / HTTP/1.1')", '"GET / HTTP/1.1" 400 -']],
    ['a request line over 64 KiB', `GET /${'a'.repeat(70_000)} HTTP/1.1\r\n\r\n`, /^HTTP\/1\.1 414/, ['code 414, message Request-URI Too Long', '"" 414 -']],
    ['a head over the header limit', `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, /^HTTP\/1\.1 431/, ['code 431, message Request Header Fields Too Large', '"" 431 -']],
    [
      'a TLS handshake',
      Buffer.from('16030100a5010000a10303', 'hex'),
      /^HTTP\/1\.1 400/,
      ["code 400, message Bad request syntax ('\\x16\\x03\\x01\\x00¥\\x01\\x00\\x00¡\\x03\\x03')", "You're accessing the development server over HTTPS, but it only supports HTTP."],
    ],
  ];
  for (const [name, bytes, status, log] of cases) {
    it(`answers ${name} cleanly and keeps serving`, async () => {
      let calls = 0;
      const { port, url, lines } = await start((req, res) => {
        calls += 1;
        hello(req, res);
      });
      const reply = await rawExchange(port, bytes);
      assert.match(reply, status);
      assert.match(reply, /Connection: close/);
      assert.equal(calls, 0);
      assert.deepEqual(lines, log);
      assert.equal((await request(url)).body, 'hello');
    });
  }

  it('times out a client that never finishes its head', async () => {
    const { port, url, lines } = await start(hello, { limits: { headersTimeout: 300 } });
    const reply = await rawExchange(port, 'GET / HTTP/1.1\r\nX-Slow: ', 3000);
    assert.match(reply, /^HTTP\/1\.1 408/);
    assert.equal(lines[0], 'code 408, message Request Timeout');
    assert.equal((await request(url)).body, 'hello');
  });
});

describe('dev server: bodies', () => {
  const refuseBody = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(413, { 'Content-Length': 3 }).end('big');
  };

  it('closes the connection after refusing a large unread body instead of draining it', async () => {
    const { url } = await start(refuseBody);
    const reply = await request(url, { method: 'POST', body: Buffer.alloc(1024 * 1024) });
    assert.equal(reply.status, 413);
    assert.equal(reply.headers.connection, 'close');
  });

  it('drains a small unread body and keeps the connection usable', async () => {
    const { port } = await start((req, res) => (req.method === 'POST' ? refuseBody(req, res) : hello(req, res)));
    const reply = await rawExchange(port, `POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789GET / HTTP/1.1\r\n\r\n`, 300);
    assert.match(reply, /^HTTP\/1\.1 413[^]*HTTP\/1\.1 200 OK[^]*hello$/);
  });

  it('answers Expect: 100-continue before the body is sent', async () => {
    const { port } = await start((req, res) => {
      let size = 0;
      req.on('data', (chunk: Buffer) => (size += chunk.length));
      req.on('end', () => res.writeHead(200, { 'Content-Length': String(size).length }).end(String(size)));
    });
    const socket = net.connect(port, '127.0.0.1');
    socket.write('POST / HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n');
    const interim = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    assert.match(interim, /^HTTP\/1\.1 100 Continue\r\n/);
    socket.write('body');
    const final = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    socket.destroy();
    assert.match(final, /^HTTP\/1\.1 200 OK[^]*\r\n\r\n4$/);
  });
});

describe('dev server: responses finished in the same turn go out together', () => {
  it('answers every request of a burst over many connections in full, and logs each', async () => {
    const { url, lines } = await start((req, res) => {
      const body = `answer to ${req.url}`;
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length }).end(body);
    });
    const paths = Array.from({ length: 40 }, (_, i) => `/n${i}`);
    // Twice: the second burst comes while the server is batching after the first.
    for (let round = 0; round < 2; round++) {
      const replies = await Promise.all(paths.map((path) => request(url + path)));
      replies.forEach((reply, i) => assert.equal(reply.body, `answer to ${paths[i]}`));
    }
    assert.equal(lines.length, 80);
    assert.ok(paths.every((path) => lines.includes(`"GET ${path} HTTP/1.1" 200 ${`answer to ${path}`.length}`)));
  });

  it('answers pipelined requests (handled in one turn, all but the first flushed together) in order', async () => {
    const { port, lines } = await start((req, res) => {
      const body = `answer to ${req.url}`;
      res.writeHead(200, { 'Content-Length': body.length }).end(body);
    });
    const paths = Array.from({ length: 10 }, (_, i) => `/p${i}`);
    const reply = await rawExchange(port, paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''), 300);
    assert.deepEqual(reply.match(/answer to \/p\d+/g), paths.map((path) => `answer to ${path}`));
    assert.equal(lines.length, 10);
  });

  it('a response that fails to finish drops its connection; the rest of its batch and the server go on', async () => {
    const { port, url, lines } = await start((req, res) => {
      res.writeHead(200, { 'Content-Length': 5 });
      // node refuses a number as a body when end() runs.
      res.end(req.url === '/bad' ? (42 as never) : 'hello');
    });
    const requests = ['/good', '/bad', '/good'].map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
    const reply = await rawExchange(port, requests, 300);
    assert.equal(reply.match(/hello/g)?.length, 1);
    assert.ok(lines.some((line) => line.startsWith('Exception while serving /bad')));
    assert.equal((await request(`${url}/good`)).body, 'hello');
  });
});

describe('dev server: failures never stop it', () => {
  it("answers wsgiref's 500 when the application throws, and logs the error", async () => {
    const { url, lines } = await start(() => {
      throw new Error('kaboom');
    });
    const reply = await request(url);
    assert.equal(reply.status, 500);
    assert.equal(reply.body, 'A server error occurred.  Please contact the administrator.');
    assert.match(lines[0]!, /^Exception while serving \/\nError: kaboom/);
    assert.equal(lines[1], '"GET / HTTP/1.1" 500 59');
  });

  it('drops the connection when the application fails after the head was sent', async () => {
    const { url } = await start(async (_req, res) => {
      res.writeHead(200);
      res.write('partial');
      throw new Error('late');
    });
    await assert.rejects(request(url));
  });

  it('does not log or fail when the client leaves mid-response', async () => {
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const { port, url, lines } = await start(async (_req, res) => {
      res.writeHead(200);
      res.write('first');
      await sleep(200);
      res.write('second');
      res.end('third');
      finished();
    });
    const socket = net.connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\n\r\n'));
    // A reset: a bare FIN reads as a half-close, which the server answers in full (see above).
    socket.once('data', () => socket.resetAndDestroy());
    await done;
    assert.deepEqual(lines, []);
    assert.equal((await request(url)).status, 200);
  });
});

describe('dev server: close', () => {
  it('lets in-flight requests finish, closes idle keep-alive connections and stops accepting', async () => {
    const { dev, port, url } = await start(slow);
    const idle = net.connect(port, '127.0.0.1');
    const idleClosed = new Promise((resolve) => idle.on('close', resolve));
    await new Promise((resolve) => idle.on('connect', resolve));
    const inFlight = request(url);
    await sleep(50);
    const started = Date.now();
    await dev.close(5000);
    const reply = await inFlight;
    assert.equal(reply.body, 'slow');
    assert.equal(reply.headers.connection, 'close');
    await idleClosed;
    assert.ok(Date.now() - started < 2000);
    await assert.rejects(request(url), /ECONNREFUSED/);
  });

  it('drops requests still running when the grace period ends', async () => {
    const { dev, url } = await start(async () => {
      await sleep(10_000, undefined, { ref: false });
    });
    const pending = request(url);
    await sleep(50);
    const started = Date.now();
    await dev.close(200);
    assert.ok(Date.now() - started < 1500);
    await assert.rejects(pending);
  });
});
