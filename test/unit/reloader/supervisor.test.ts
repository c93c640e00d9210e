/**
 * The reloader library with real processes: test/fixtures/reloader-lib/serve.mjs is a tiny
 * stand-in for runserver (plain JS, no tsx) driving the Supervisor and the child runtime.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { descendantPids, probe, RequestLoop, waitForResponse, waitUntil } from '../../helpers/http-probe.js';
import { isAlive, ProcessPool, cleanEnv, type ManageProcess } from '../../helpers/spawn-cli.js';
import { tmpProject } from '../../helpers/tmp-project.js';

const pool = new ProcessPool();
const cleanups: Array<() => void> = [];
after(async () => {
  await pool.killAll();
  for (const cleanup of cleanups) cleanup();
});

async function start(env: Record<string, string> = {}, detached = false): Promise<{ server: ManageProcess; dir: string; url: string; edit(file: string, text: string): void }> {
  const project = tmpProject('reloader-lib');
  cleanups.push(project.cleanup);
  const server = pool.start([], { cwd: project.dir, script: path.join(project.dir, 'serve.mjs'), env: cleanEnv(env), detached });
  const [, port] = await server.waitFor(/Supervisor \d+ port (\d+)/);
  await server.waitFor(/Serving pid \d+/);
  return {
    server,
    dir: project.dir,
    url: `http://127.0.0.1:${port}`,
    edit: (file, text) => writeFileSync(path.join(project.dir, file), text),
  };
}

const view = (body: string) => `export const BODY = '${body}';\n`;
const reloads = (server: ManageProcess) => server.stderr.split('changed, reloading.').length - 1;

describe('reloader: code changes', () => {
  it('serves new code after an edit, with no failed request during the swaps', async () => {
    const { url, edit } = await start();
    const before = await probe(`${url}/pid`);
    const loop = new RequestLoop(`${url}/`, 3);
    for (const version of ['v2', 'v3', 'v4']) {
      edit('app/views.mjs', view(version));
      await waitForResponse(`${url}/`, (p) => p.body?.includes(version) === true);
    }
    await loop.stop();
    assert.deepEqual(loop.failures, []);
    assert.ok(loop.ok > 0);
    assert.notEqual((await probe(`${url}/pid`)).body, before.body);
  });

  it('lets a request in flight finish on the old child', async () => {
    const { url, edit } = await start();
    const slow = probe(`${url}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    edit('app/views.mjs', view('after-slow'));
    await waitForResponse(`${url}/`, (p) => p.body?.includes('after-slow') === true);
    assert.deepEqual(await slow.then((p) => [p.status, p.body]), [200, 'slow done']);
  });

  it('turns twenty rapid saves into one or two restarts', async () => {
    const { url, server, edit } = await start();
    for (let i = 0; i < 20; i++) {
      edit('app/views.mjs', view(`burst-${i}`));
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitForResponse(`${url}/`, (p) => p.body?.includes('burst-19') === true);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(reloads(server) >= 1 && reloads(server) <= 2, `restarts: ${reloads(server)}`);
  });
});

describe('reloader: broken code and crashes', () => {
  it('serves the error page while the code is broken and recovers when it is fixed', async () => {
    const { url, server, edit } = await start();
    edit('app/views.mjs', 'export const BODY = ;\n');
    const broken = await waitForResponse(`${url}/`, (p) => p.status === 500);
    assert.match(broken.body!, /SyntaxError/);
    assert.match(broken.body!, /\/__managets__\/live-reload\.js/);
    assert.equal(server.stderr.split('SyntaxError').length, 2, 'the error is printed once');
    assert.ok(isAlive(server.pid));
    edit('app/views.mjs', view('fixed'));
    const fixed = await waitForResponse(`${url}/`, (p) => p.status === 200);
    assert.match(fixed.body!, /fixed/);
  });

  it('keeps the old code serving while a boot hangs, and replaces the hung boot on the next change', async () => {
    const { url, edit } = await start({ STUCK_BOOT_MS: '300' });
    edit('app/views.mjs', `${view('hung')}await new Promise(() => {});\n`);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal((await probe(`${url}/`)).status, 200, 'the old child still serves');
    assert.match((await probe(`${url}/`)).body!, /version-1/);
    edit('app/views.mjs', view('unstuck'));
    await waitForResponse(`${url}/`, (p) => p.body?.includes('unstuck') === true);
  });

  it('replaces a child whose startup never finishes, and says so', async () => {
    const { server, url } = await start({ HANG_WARM_UP_ONCE: '1', WARM_UP_BOUND_MS: '500' });
    assert.match(server.stderr, /An app process \(pid \d+\) did not start within 0\.5 s; starting another\./);
    assert.equal((await probe(`${url}/`)).status, 200);
  });

  it('says so when a boot takes far longer than the last one', async () => {
    const { server, edit } = await start({ STUCK_BOOT_MS: '300' });
    edit('app/views.mjs', `${view('hung')}await new Promise(() => {});\n`);
    await server.waitFor(/The app is still loading after [\d.]+ s \(a top-level await that never settles, or an endless loop\?\)/, 10_000, 'stderr');
  });

  it('answers with a crash page when the serving child dies, until the next change', async () => {
    const { url, edit } = await start();
    await probe(`${url}/crash`);
    const page = await waitForResponse(`${url}/`, (p) => p.status === 500);
    assert.match(page.body!, /exited with code 7/);
    edit('app/views.mjs', view('back'));
    await waitForResponse(`${url}/`, (p) => p.body?.includes('back') === true);
  });
});

describe('reloader: templates, static files and the browser', () => {
  it('clears the template cache in the same child on a template change', async () => {
    const { url, edit } = await start();
    const pid = (await probe(`${url}/pid`)).body;
    assert.match((await probe(`${url}/page`)).body!, /page-v1/);
    edit('templates/page.html', 'page-v2\n');
    await waitForResponse(`${url}/page`, (p) => p.body?.includes('page-v2') === true);
    assert.equal((await probe(`${url}/pid`)).body, pid);
  });

  it('pushes reload and css events, and a new version after a restart', async () => {
    const { url, edit } = await start();
    const first = await openEvents(`${url}/__managets__/live-reload`);
    assert.equal(await first.next(), 'event: hello\ndata: 1.0');
    edit('templates/page.html', 'page-v3\n');
    assert.equal(await first.next(), 'event: reload\ndata: 1.1');
    edit('static/site.css', 'body { color: blue }\n');
    assert.equal(await first.next(), 'event: css\ndata: 1.2');
    edit('app/views.mjs', view('new-generation'));
    await first.ended;
    const second = await openEvents(`${url}/__managets__/live-reload`);
    assert.equal(await second.next(), 'event: hello\ndata: 2.0');
    second.close();
  });
});

describe('reloader: process lifecycle', () => {
  it('leaves no child behind when the supervisor is killed with SIGKILL', async () => {
    const { server } = await start();
    await new Promise((r) => setTimeout(r, 300)); // the spare is up too
    const children = descendantPids(server.pid);
    assert.ok(children.length >= 2, `children: ${children}`);
    server.child.kill('SIGKILL');
    await server.exited;
    await waitUntil(() => children.every((pid) => !isAlive(pid)), 2000);
  });

  it('exits 0 on SIGINT and leaves no process', async () => {
    const { server } = await start();
    await new Promise((r) => setTimeout(r, 300));
    const children = descendantPids(server.pid);
    server.child.kill('SIGINT');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    await waitUntil(() => children.every((pid) => !isAlive(pid)), 2000);
  });

  it('shuts down once and cleanly when Ctrl-C reaches the whole process group', async () => {
    const { server } = await start({}, true);
    await new Promise((r) => setTimeout(r, 300));
    const children = descendantPids(server.pid);
    const stderrBefore = server.stderr;
    process.kill(-server.pid, 'SIGINT');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    assert.equal(server.stderr, stderrBefore);
    await waitUntil(() => children.every((pid) => !isAlive(pid)), 2000);
  });

  it('reports a port in use once and exits 1', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const project = tmpProject('reloader-lib');
      cleanups.push(project.cleanup);
      const port = (other.address() as net.AddressInfo).port;
      const server = pool.start([], { cwd: project.dir, script: path.join(project.dir, 'serve.mjs'), env: cleanEnv({ PORT: String(port) }) });
      assert.deepEqual(await server.exited, { code: 1, signal: null });
      assert.equal(server.stderr, 'Error: EADDRINUSE\n');
    } finally {
      other.close();
    }
  });
});

describe('reloader: terminal shortcuts', () => {
  it('on a TTY: h lists the keys, r restarts, q quits with 0', async () => {
    const project = tmpProject('reloader-lib');
    cleanups.push(project.cleanup);
    // script(1) gives the supervisor a pseudo-terminal as stdin, stdout and stderr.
    const tty = spawn('script', ['-qfec', `${process.execPath} serve.mjs`, '/dev/null'], { cwd: project.dir, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    tty.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => tty.on('exit', (code) => resolve(code)));
    const waitOutput = (pattern: RegExp) => waitUntil(() => pattern.test(output), 10_000).then(() => output.match(pattern)!);
    try {
      const [, port] = await waitOutput(/port (\d+)/);
      const [, firstPid] = await waitOutput(/Serving pid (\d+)/);
      await new Promise((r) => setTimeout(r, 300));
      tty.stdin.write('h\n');
      await waitOutput(/r\s+restart the server/);
      tty.stdin.write('r\n');
      await waitUntil(() => output.split('Serving pid').length === 3, 10_000);
      const pid = (await probe(`http://127.0.0.1:${port}/pid`)).body;
      assert.notEqual(pid, firstPid);
      tty.stdin.write('q\n');
      assert.equal(await exited, 0);
    } finally {
      tty.kill('SIGKILL');
    }
  });
});


/** An SSE stream read event by event; `ended` resolves when the server closes it. */
async function openEvents(url: string): Promise<{ next(): Promise<string>; ended: Promise<void>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const events: string[] = [];
  let wake: () => void = () => undefined;
  let buffer = '';
  const ended = (async () => {
    try {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        for (let at = buffer.indexOf('\n\n'); at !== -1; at = buffer.indexOf('\n\n')) {
          events.push(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
        }
        wake();
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    async next() {
      while (events.length === 0) {
        const more = new Promise<void>((resolve) => (wake = resolve));
        if ((await Promise.race([more.then(() => 'more'), ended.then(() => 'ended')])) === 'ended' && events.length === 0) {
          throw new Error('event stream ended');
        }
      }
      return events.shift()!;
    },
    ended,
    close: () => controller.abort(),
  };
}
