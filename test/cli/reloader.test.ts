/**
 * `manage runserver` with the auto-reloader, black-box: the real binary in a temp copy of
 * test/fixtures/reloader, real edits, real HTTP on a free port, real processes checked by pid.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { descendantPids, probe, RequestLoop, waitForResponse, waitUntil } from '../helpers/http-probe.js';
import { cleanEnv, isAlive, MANAGE_BIN, ProcessPool, type ManageProcess } from '../helpers/spawn-cli.js';
import { tmpProject } from '../helpers/tmp-project.js';

const pool = new ProcessPool();
const cleanups: Array<() => void> = [];
after(async () => {
  await pool.killAll();
  for (const cleanup of cleanups) cleanup();
});

interface Running {
  server: ManageProcess;
  url: string;
  edit(file: string, change: (text: string) => string): void;
}

interface RunOptions {
  detached?: boolean;
  env?: Record<string, string>;
  /** Node flags for the supervisor (its children get them too, as the user's `node --flag manage ...`). */
  nodeFlags?: string[];
  /** Edits made before the server starts; the first child may then have no banner to wait for. */
  before?: Array<[string, (text: string) => string]>;
}

async function runserver(args: string[] = [], options: RunOptions = {}): Promise<Running> {
  const project = tmpProject('reloader');
  cleanups.push(project.cleanup);
  const edit = (file: string, change: (text: string) => string) => {
    const full = path.join(project.dir, file);
    writeFileSync(full, change(readFileSync(full, 'utf8')));
  };
  for (const [file, change] of options.before ?? []) edit(file, change);
  const env = cleanEnv({ MANAGE_RUNSERVER_HIDE_WARNING: 'true', ...options.env });
  const port = options.before ? await freePort() : 0;
  const argv = ['runserver', `127.0.0.1:${port}`, ...args];
  const command: [string, string[]] | undefined = options.nodeFlags ? [process.execPath, [...options.nodeFlags, MANAGE_BIN, ...argv]] : undefined;
  const server = pool.start(argv, { cwd: project.dir, env, detached: options.detached ?? false, ...(command ? { command } : {}) });
  const url = options.before ? `http://127.0.0.1:${port}` : await server.ready();
  return { server, url, edit };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probeServer = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probeServer.address() as net.AddressInfo;
      probeServer.close(() => resolve(port));
    });
    probeServer.on('error', reject);
  });
}

const setBody = (body: string) => (text: string) => text.replace(/BODY = '[^']*'/, `BODY = '${body}'`);
const restarts = (server: ManageProcess) => server.stderr.split('changed, reloading.').length - 1;


describe('runserver reloader: edits', () => {
  it('serves an edited view with zero connection errors from a concurrent request loop', async () => {
    const { server, url, edit } = await runserver();
    const loop = new RequestLoop(`${url}/`, 3);
    for (const version of ['version-2', 'version-3']) {
      edit('proj/views.ts', setBody(version));
      await waitForResponse(`${url}/`, (p) => p.body === version);
    }
    await loop.stop();
    assert.deepEqual(loop.failures, []);
    assert.match(server.stderr, /proj\/views\.ts changed, reloading\./);
    assert.match(server.stderr, /Watching for file changes with chokidar/);
  });

  it('turns twenty rapid saves into one or two restarts', async () => {
    const { server, url, edit } = await runserver();
    for (let i = 0; i < 20; i++) {
      edit('proj/views.ts', setBody(`burst-${i}`));
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitForResponse(`${url}/`, (p) => p.body === 'burst-19');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(restarts(server) >= 1 && restarts(server) <= 2, `restarts: ${restarts(server)}`);
  });

  it('applies a template edit in the same child (no restart)', async () => {
    const { server, url, edit } = await runserver();
    const pid = (await probe(`${url}/pid/`)).body;
    assert.match((await probe(`${url}/page/`)).body!, /template-v1 version-1/);
    edit('templates/page.html', (text) => text.replace('template-v1', 'template-v2'));
    await waitForResponse(`${url}/page/`, (p) => p.body?.includes('template-v2 version-1') === true);
    assert.equal((await probe(`${url}/pid/`)).body, pid);
    edit('static/site.css', () => 'body { color: red; }\n');
    await waitForResponse(`${url}/static/site.css`, (p) => p.body?.includes('red') === true);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await probe(`${url}/pid/`)).body, pid);
    assert.equal(restarts(server), 0);
  });

  it('adds the live-reload script to HTML pages in DEBUG, and serves its stream unlogged', async () => {
    const { server, url } = await runserver();
    const page = await probe(`${url}/page/`);
    assert.match(page.body!, /<script src="\/__managets__\/live-reload\.js" data-version="\d+\.\d+" defer><\/script><\/body>/);
    const text = await probe(`${url}/`);
    assert.doesNotMatch(text.body!, /live-reload/);
    const script = await probe(`${url}/__managets__/live-reload.js`);
    assert.match(script.body!, /EventSource/);
    await waitUntil(() => server.stderr.includes('"GET / HTTP/1.1" 200'), 5000, 'the request log');
    assert.doesNotMatch(server.stderr, /__managets__/);
  });
});

describe('runserver reloader: broken code', () => {
  it('keeps serving a 500 page that shows a syntax error, then recovers when it is fixed', async () => {
    const { server, url, edit } = await runserver();
    edit('proj/views.ts', (text) => text.replace("export const BODY = 'version-1';", "export const BODY = 'version-1'\nconst broken = ;"));
    const page = await waitForResponse(`${url}/`, (p) => p.status === 500);
    assert.match(page.body!, /views\.ts:4:\d+/);
    assert.match(page.body!, /const broken = ;/);
    assert.match(page.body!, /live-reload\.js/);
    await waitUntil(() => /views\.ts:4:\d+/.test(server.stderr), 5000, 'the error in the terminal');
    assert.equal(server.stderr.match(/SyntaxError|Expected/g)?.length ? 1 : 0, 1);
    assert.ok(isAlive(server.pid));
    edit('proj/views.ts', (text) => text.replace('\nconst broken = ;', ';').replace("'version-1'", "'fixed'"));
    await waitForResponse(`${url}/`, (p) => p.status === 200 && p.body === 'fixed');
  });
});

describe('runserver reloader: settings that do not load', () => {
  const breakSettings = (text: string) => `${text}throw new Error('settings-broken-marker');\n`;
  const debugOff = (text: string) =>
    text.replace('export const DEBUG = true;', 'export const DEBUG = false;').replace("ALLOWED_HOSTS: string[] = [];", "ALLOWED_HOSTS: string[] = ['127.0.0.1'];");

  it('answers with the minimal 500 page when the last settings that loaded had DEBUG off', async () => {
    const { server, url, edit } = await runserver();
    const first = (await probe(`${url}/pid/`)).body;
    edit('proj/settings.ts', debugOff);
    await waitForResponse(`${url}/pid/`, (p) => p.status === 200 && p.body !== first);
    edit('proj/settings.ts', breakSettings);
    const page = await waitForResponse(`${url}/`, (p) => p.status === 500);
    assert.match(page.body!, /<h1>Server Error \(500\)<\/h1>/);
    assert.doesNotMatch(page.body!, /settings-broken-marker|settings\.ts/);
    await waitUntil(() => server.stderr.includes('settings-broken-marker'), 5000, 'the error in the terminal');
  });

  it('before any settings loaded, follows a literal DEBUG in the settings file', async () => {
    const off = await runserver([], { before: [['proj/settings.ts', (text) => breakSettings(debugOff(text))]] });
    const hidden = await waitForResponse(`${off.url}/`, (p) => p.status === 500);
    assert.match(hidden.body!, /<h1>Server Error \(500\)<\/h1>/);
    assert.doesNotMatch(hidden.body!, /settings-broken-marker/);
    const on = await runserver([], { before: [['proj/settings.ts', breakSettings]] });
    const shown = await waitForResponse(`${on.url}/`, (p) => p.status === 500);
    assert.match(shown.body!, /settings-broken-marker/);
    assert.match(shown.body!, /live-reload\.js/);
  });
});

describe('runserver reloader: system checks', () => {
  it('shows a system-check error on the 500 page until the settings are fixed', async () => {
    const { server, url, edit } = await runserver();
    edit('proj/settings.ts', (text) => `${text}export const MIDDLEWARE = ['proj.nope.Middleware'];\n`);
    const page = await waitForResponse(`${url}/`, (p) => p.status === 500);
    assert.match(page.body!, /SystemCheckError/);
    assert.match(page.body!, /middleware\.E001/);
    assert.match(server.stderr, /middleware\.E001/);
    edit('proj/settings.ts', (text) => text.replace("export const MIDDLEWARE = ['proj.nope.Middleware'];\n", ''));
    await waitForResponse(`${url}/`, (p) => p.status === 200);
  });
});

describe('runserver reloader: processes', () => {
  it('loads settings and user code only in the app children, never in the supervisor', async () => {
    const logDir = mkdtempSync(path.join(os.tmpdir(), 'managets-settings-log-'));
    cleanups.push(() => rmSync(logDir, { recursive: true, force: true }));
    const log = path.join(logDir, 'pids');
    const { server, url, edit } = await runserver([], { env: { SETTINGS_LOADED_LOG: log } });
    const first = (await probe(`${url}/pid/`)).body!;
    edit('proj/views.ts', setBody('version-2'));
    await waitForResponse(`${url}/`, (p) => p.body === 'version-2');
    const second = (await probe(`${url}/pid/`)).body!;
    const loaded = readFileSync(log, 'utf8').trim().split('\n');
    assert.deepEqual(loaded, [first, second]);
    assert.ok(!loaded.includes(String(server.pid)));
  });

  it('gives --inspect to the serving child only, on the same port across reloads', async () => {
    const { server, url, edit } = await runserver([], { nodeFlags: ['--inspect=127.0.0.1:0'] });
    const listening = () => [...server.stderr.matchAll(/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\/([\w-]+)/g)];
    // The supervisor's own inspector (opened by node before any of our code), then the serving child's.
    await waitUntil(() => listening().length === 2, 10_000, 'the serving child\'s inspector');
    const [supervisor, child] = listening();
    assert.equal(child![1], supervisor![1]);
    const targets = async () => JSON.parse((await probe(`http://127.0.0.1:${child![1]}/json/list`)).body!) as Array<{ id: string }>;
    assert.deepEqual((await targets()).map((t) => t.id), [child![2]]);
    await new Promise((r) => setTimeout(r, 1000)); // the spare warms up meanwhile
    edit('proj/views.ts', setBody('version-2'));
    await waitForResponse(`${url}/`, (p) => p.body === 'version-2');
    await waitUntil(() => listening().length === 3, 10_000, 'the next serving child\'s inspector');
    const next = listening()[2]!;
    assert.equal(next[1], child![1]);
    assert.deepEqual((await targets()).map((t) => t.id), [next[2]]);
    assert.doesNotMatch(server.stderr, /Starting inspector on .* failed|Debugger not started/);
  });

  it('leaves no child behind when the supervisor is killed with SIGKILL', async () => {
    const { server } = await runserver();
    await new Promise((r) => setTimeout(r, 500)); // the spare is up too
    const children = descendantPids(server.pid);
    assert.ok(children.length >= 2, `children: ${children}`);
    server.child.kill('SIGKILL');
    await server.exited;
    // A liveness bound, not a timing claim: children exit on IPC disconnect (~ms when idle); the
    // margin keeps a loaded CI machine from failing it.
    await waitUntil(() => children.every((pid) => !isAlive(pid)), 10_000, 'children gone');
  });

  it('exits 0 on Ctrl-C to the process group, silently, with no process left', async () => {
    const { server } = await runserver([], { detached: true });
    await new Promise((r) => setTimeout(r, 500));
    const children = descendantPids(server.pid);
    const before = server.stderr;
    process.kill(-server.pid, 'SIGINT');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    assert.equal(server.stderr, before);
    await waitUntil(() => children.every((pid) => !isAlive(pid)), 10_000, 'children gone');
  });

  it('reports a port in use once, with Django\'s message, and exits 1', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const project = tmpProject('reloader');
      cleanups.push(project.cleanup);
      const port = (other.address() as net.AddressInfo).port;
      const server = pool.start(['runserver', `127.0.0.1:${port}`], { cwd: project.dir, env: cleanEnv() });
      assert.deepEqual(await server.exited, { code: 1, signal: null });
      assert.equal(server.stderr, 'Error: That port is already in use.\n');
      assert.equal(server.stdout, '');
    } finally {
      other.close();
    }
  });
});
