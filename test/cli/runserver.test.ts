/** `manage runserver --noreload` as a user runs it: a real process, real sockets, its output. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rawExchange, request } from '../helpers/http.js';
import { cleanEnv, isAlive, ProcessPool, runManage, type ManageProcess } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

const cwd = path.join(FIXTURES, 'runserver');
const pool = new ProcessPool();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'managets-runserver-'));
after(async () => {
  await pool.killAll();
  rmSync(scratch, { recursive: true, force: true });
});

const TIME = String.raw`\[\d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d\]`;

async function serve(args: string[] = [], env: Record<string, string> = {}): Promise<{ server: ManageProcess; url: string; port: number }> {
  const server = pool.start(['runserver', '--noreload', '127.0.0.1:0', ...args], { cwd, env: cleanEnv(env) });
  const url = await server.ready();
  return { server, url, port: Number(new URL(url).port) };
}

/** Sends a request head whose body never comes: the request stays in flight. */
function stalledUpload(port: number): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write('POST /upload/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n\r\n');
      resolve(socket);
    });
    socket.on('error', () => {});
  });
}

describe('runserver: startup', () => {
  it('prints the checks, the banner with the bound port and the warning, then serves and logs', async () => {
    const { server, url } = await serve();
    const lines = server.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 3), ['Performing system checks...', '', 'System check identified no issues (0 silenced).']);
    assert.match(lines[3]!, /^[A-Z][a-z]+ \d\d, \d{4} - \d\d:\d\d:\d\d$/);
    assert.deepEqual(lines.slice(4), [
      "managets version 0.1.0, using settings 'proj.settings'",
      `Starting development server at ${url}/`,
      'Quit the server with CONTROL-C.',
      '',
      'WARNING: This is a development server. Do not use it in a production setting. Serve createApp() from your own node:http server or a process manager instead.',
      'For more information on production servers see the "Going to production" section of the managets README.',
      '',
    ]);
    assert.notEqual(new URL(url).port, '0');
    const hello = await request(`${url}/?q=1`);
    assert.equal(hello.body, 'hello');
    await server.waitFor(new RegExp(`${TIME} "GET /\\?q=1 HTTP/1\\.1" 200 5\\n`), 5000, 'stderr');
    const missing = await request(`${url}/path?q=1`);
    assert.equal(missing.status, 404);
    // DEBUG: the request logger's line comes first, then the request log's.
    await server.waitFor(new RegExp(`Not Found: /path\\n${TIME} "GET /path\\?q=1 HTTP/1\\.1" 404 ${Buffer.byteLength(missing.body)}\\n`), 5000, 'stderr');
    assert.doesNotMatch(server.stderr, /\x1b\[/, 'no colour when stderr is not a terminal');
  });

  it('hides the warning with MANAGE_RUNSERVER_HIDE_WARNING=true, skips the checks with --skip-checks', async () => {
    const { server } = await serve(['--skip-checks'], { MANAGE_RUNSERVER_HIDE_WARNING: 'true' });
    assert.doesNotMatch(server.stdout, /Performing system checks|System check identified/);
    assert.match(server.stdout, /Quit the server with CONTROL-C\.\n\n$/);
  });

  it('shows the time each request took at -v 2', async () => {
    const { server, url } = await serve(['-v', '2']);
    await request(`${url}/`);
    await server.waitFor(new RegExp(`${TIME} "GET / HTTP/1\\.1" 200 5 \\(\\d+\\.\\d\\d ms\\)\\n`), 5000, 'stderr');
  });

  it('lists the reachable URLs when bound to every interface', async () => {
    const server = pool.start(['runserver', '--noreload', '0:0'], { cwd, env: cleanEnv() });
    const url = await server.ready();
    const port = new URL(url).port;
    assert.match(url, /^http:\/\/0\.0\.0\.0:\d+$/);
    assert.match(server.stdout, new RegExp(`\\n  Local:   http://127\\.0\\.0\\.1:${port}/\\n`));
    assert.equal((await request(`http://127.0.0.1:${port}/`)).body, 'hello');
  });

  it('shows system check warnings and serves anyway', async () => {
    const { server } = await serve(['--settings', 'proj.warning']);
    assert.match(server.stderr, /WARNINGS:\nchecked: \(checked\.W001\) This fixture always warns\.\n\nSystem check identified 1 issue \(0 silenced\)\./);
  });
});

describe('runserver: help', () => {
  it("is listed under [staticfiles] as Django's staticfiles variant, with Django's options", async () => {
    const help = await runManage(['help'], { cwd, env: cleanEnv() });
    assert.match(help.stdout, /\[staticfiles\]\n {4}collectstatic\n {4}findstatic\n {4}runserver\n/);
    const usage = await runManage(['runserver', '--help'], { cwd, env: cleanEnv() });
    assert.match(usage.stdout, /^Usage: manage runserver \[options\] \[addrport\]\n\nStarts a lightweight web server for development and also serves static files\.\n/);
    for (const option of ['-6, --ipv6', '--nothreading', '--noreload', '--nostatic', '--insecure', '--skip-checks']) {
      assert.ok(usage.stdout.includes(option), option);
    }
  });
});

describe('runserver: refusing to start', () => {
  const fails = async (args: string[], stderr: RegExp, options: { cwd?: string } = {}) => {
    const result = await runManage(['runserver', '--noreload', ...args], { cwd: options.cwd ?? cwd, env: cleanEnv() });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, stderr);
    assert.doesNotMatch(result.stdout, /Starting development server/);
    return result;
  };

  it('rejects a bad addrport before loading anything (even broken settings)', async () => {
    await fails(['abc'], /^CommandError: "abc" is not a valid port number or address:port pair\.\n$/, { cwd: path.join(FIXTURES, 'throws') });
    await fails(['-6', '1.2.3.4:8000'], /^CommandError: "1\.2\.3\.4" is not a valid IPv6 address\.\n$/);
    await fails(['70000'], /^CommandError: "70000" is not a valid port number: it must be between 0 and 65535\.\n$/);
  });

  it('refuses DEBUG off with empty ALLOWED_HOSTS', async () => {
    await fails(['--settings', 'proj.nodebug', '127.0.0.1:0'], /^CommandError: You must set settings\.ALLOWED_HOSTS if DEBUG is False\.\n$/);
  });

  it('stops at a system check error', async () => {
    const result = await fails(['--settings', 'proj.check_error', '127.0.0.1:0'], /SystemCheckError: System check identified some issues:\n\nERRORS:\n/);
    assert.match(result.stdout, /^Performing system checks\.\.\.\n\n$/);
  });

  it('reports a port in use in Django words, without a banner', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await fails([`127.0.0.1:${port}`], /^Error: That port is already in use\.\n$/);
    } finally {
      blocker.close();
    }
  });

  it('reports an address that is not on this machine', async () => {
    await fails(['--skip-checks', '192.0.2.1:0'], /^Error: That IP address can't be assigned to\.\n$/);
  });

  it('rejects an unknown LOGGING level', async () => {
    await fails(['--settings', 'proj.bad_logging', '127.0.0.1:0'], /ImproperlyConfigured: LOGGING\.loggers\.server\.level must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not "LOUD"\./);
  });
});

describe('runserver: serving', () => {
  it('answers malformed requests, oversized heads and TLS bytes cleanly and keeps serving', async () => {
    const { server, port, url } = await serve();
    assert.match(await rawExchange(port, 'GET\r\n\r\n'), /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(await rawExchange(port, `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`), /^HTTP\/1\.1 431 /);
    assert.match(await rawExchange(port, Buffer.from('16030100a5010000a10303', 'hex')), /^HTTP\/1\.1 400 /);
    assert.equal((await request(`${url}/still-here`)).status, 404);
    await server.waitFor(/"GET \/still-here HTTP\/1\.1" 404/, 5000, 'stderr');
    assert.match(server.stderr, new RegExp(`${TIME} code 400, message Bad request syntax \\('GET'\\)\\n${TIME} "GET" 400 -\\n`));
    assert.match(server.stderr, new RegExp(`${TIME} code 431, message Request Header Fields Too Large\\n`));
    assert.match(server.stderr, new RegExp(`${TIME} You're accessing the development server over HTTPS, but it only supports HTTP\\.\\n`));
  });

  it('serves a slow view without holding up another request', async () => {
    const { url } = await serve();
    const started = Date.now();
    const replies = await Promise.all([request(`${url}/slow/`), request(`${url}/slow/`)]);
    assert.ok(Date.now() - started < 550, `took ${Date.now() - started} ms`);
    assert.deepEqual(replies.map((r) => r.body), ['slow', 'slow']);
  });

  it('serves one request at a time with --nothreading, closing every connection', async () => {
    const { url } = await serve(['--nothreading']);
    const started = Date.now();
    const replies = await Promise.all([request(`${url}/slow/`), request(`${url}/slow/`)]);
    assert.ok(Date.now() - started >= 600, `took ${Date.now() - started} ms`);
    for (const reply of replies) assert.equal(reply.headers.connection, 'close');
  });

  it('keeps connections alive by default', async () => {
    const { url } = await serve();
    const agent = new http.Agent({ keepAlive: true });
    try {
      assert.equal((await request(`${url}/`, { agent })).headers.connection, 'keep-alive');
    } finally {
      agent.destroy();
    }
  });

  it('writes the request log to the LOGGING file instead of stderr', async () => {
    const log = path.join(scratch, 'server.log');
    const { server, url } = await serve([], { FIXTURE_SERVER_LOG: log });
    await request(`${url}/to-file`);
    await server.stop('SIGINT');
    assert.match(readFileSync(log, 'utf8'), new RegExp(`^${TIME} "GET /to-file HTTP/1\\.1" 404 \\d+\\n$`));
    // The request logger (DEBUG's `Not Found: /to-file`) still writes to stderr: only `server` moved.
    assert.doesNotMatch(server.stderr, /"GET \/to-file/);
    assert.match(server.stderr, /^Not Found: \/to-file\n$/m);
  });
});

describe('runserver: stopping', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`exits 0 silently on ${signal}, after the in-flight request`, async () => {
      const { server, port } = await serve();
      const upload = await stalledUpload(port);
      const reply = new Promise<string>((resolve) => {
        let text = '';
        upload.on('data', (chunk: Buffer) => (text += chunk.toString()));
        upload.on('close', () => resolve(text));
      });
      await sleep(100);
      const stdout = server.stdout;
      server.child.kill(signal);
      await sleep(200);
      upload.write('body');
      assert.match(await reply, /^HTTP\/1\.1 200 OK\r\n[^]*Connection: close\r\n(?:[^]*\r\n)?\r\n4 bytes$/);
      const { code } = await server.exited;
      assert.equal(code, 0);
      assert.equal(server.stdout, stdout, 'nothing printed on the way out');
      assert.equal(isAlive(server.pid), false);
    });
  }

  it('exits at once on a second Ctrl-C', async () => {
    const { server, port } = await serve();
    await stalledUpload(port);
    await sleep(100);
    const started = Date.now();
    server.child.kill('SIGINT');
    await sleep(100);
    server.child.kill('SIGINT');
    const { code } = await server.exited;
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });
});
