/**
 * runserver's first app child is spawned by bin/manage.js before the CLI loads, and the supervisor
 * adopts it; a command line that fails first leaves nothing behind and prints only its error.
 * Black-box: the real binaries in a temp copy of test/fixtures/reloader, pids from the reloader's
 * trace lines (MANAGE_TRACE_RELOAD), liveness checked by pid.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RUNSERVER_FLAGS, RUNSERVER_VALUE_OPTIONS } from '../../src/commands/runserver/prespawn.js';
import { probe, waitUntil } from '../helpers/http-probe.js';
import { cleanEnv, isAlive, MANAGE_BIN, MANAGETS_BIN, ProcessPool, runManage, runProcess, type ManageProcess } from '../helpers/spawn-cli.js';
import { tmpProject } from '../helpers/tmp-project.js';

const pool = new ProcessPool();
let project: { dir: string; cleanup(): void };
before(() => {
  project = tmpProject('reloader');
});
after(async () => {
  await pool.killAll();
  project.cleanup();
});

const env = () => cleanEnv({ MANAGE_TRACE_RELOAD: '1', MANAGE_RUNSERVER_HIDE_WARNING: 'true' });
const untraced = (text: string) => text.replace(/^\[trace [^\n]*\n/gm, '');
const earlyPid = (stderr: string): number => {
  const match = /first child spawned early \(pid (\d+)\)/.exec(stderr);
  assert.ok(match, `no early child in:\n${stderr}`);
  return Number(match[1]);
};
/** A liveness bound, not a timing claim: the child is SIGKILLed before its parent exits. */
const gone = (pid: number) => waitUntil(() => !isAlive(pid), 2000, `pid ${pid} gone`);

describe('runserver prespawn: a command line that fails before the supervisor', () => {
  it('reports an invalid addrport once, exits 1, and leaves no child (manage and managets)', async () => {
    for (const bin of [MANAGE_BIN, MANAGETS_BIN]) {
      const result = await runProcess(process.execPath, [bin, 'runserver', '127.0.0.1:nope'], { cwd: project.dir, env: env() });
      const pid = earlyPid(result.stderr);
      assert.equal(result.code, 1);
      assert.equal(untraced(result.stderr), 'CommandError: "127.0.0.1:nope" is not a valid port number or address:port pair.\n');
      assert.equal(result.stdout, '');
      await gone(pid);
    }
  });

  it('reports a port in use once, exits 1, and leaves no child', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as net.AddressInfo).port;
      const result = await runManage(['runserver', `127.0.0.1:${port}`], { cwd: project.dir, env: env() });
      const pid = earlyPid(result.stderr);
      assert.equal(result.code, 1);
      assert.equal(untraced(result.stderr), 'Error: That port is already in use.\n');
      assert.equal(result.stdout, '');
      await gone(pid);
    } finally {
      other.close();
    }
  });

  it('leaves no child after a usage error commander reports', async () => {
    const result = await runManage(['runserver', '-v', '7'], { cwd: project.dir, env: env() });
    const pid = earlyPid(result.stderr);
    assert.equal(result.code, 2);
    assert.match(untraced(result.stderr), /^error: option '-v, --verbosity <level>' argument '7' is invalid/);
    await gone(pid);
  });
});

describe('runserver prespawn: adoption', () => {
  async function servedByEarlyChild(server: ManageProcess): Promise<void> {
    const url = await server.ready();
    const pid = earlyPid(server.stderr);
    assert.equal((await probe(`${url}/pid/`)).body, String(pid));
    // The first boot went to it, and no other child was spawned before it served.
    const trace = server.stderr.slice(0, server.stderr.indexOf(`serving from pid ${pid}`));
    assert.match(trace, new RegExp(`boot 1 sent to pid ${pid} `));
    assert.doesNotMatch(trace, /spare spawned/);
    process.kill(server.pid, 'SIGINT');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    await gone(pid);
  }

  it('serves from the child spawned before the CLI loaded, and SIGINT still ends everything', async () => {
    await servedByEarlyChild(pool.start(['runserver', '127.0.0.1:0'], { cwd: project.dir, env: env() }));
  });

  it("does the same through a project's manage.ts (executeFromCommandLine)", async () => {
    writeFileSync(path.join(project.dir, 'manage.ts'), "import { executeFromCommandLine } from 'managets';\nawait executeFromCommandLine();\n");
    const command: [string, string[]] = [process.execPath, ['--import', 'managets/register', 'manage.ts', 'runserver', '127.0.0.1:0']];
    await servedByEarlyChild(pool.start([], { cwd: project.dir, env: env(), command }));
  });

  it('spawns nothing early with --noreload', async () => {
    const server = pool.start(['runserver', '--noreload', '127.0.0.1:0'], { cwd: project.dir, env: env() });
    await server.ready();
    assert.doesNotMatch(server.stderr, /spawned early/);
    await server.stop('SIGINT');
  });
});

describe('runserver prespawn: the options it knows', () => {
  it("are exactly runserver's, less --noreload and --help (as `manage runserver --help` lists them)", async () => {
    const help = await runManage(['runserver', '--help'], { cwd: project.dir });
    const listed = [...help.stdout.matchAll(/^ {2}(-\S+?)(?:, (--\S+))?(?: <\w+>)?\s{2}/gm)];
    const valued = (line: RegExpMatchArray) => / <\w+>/.test(line[0]);
    const names = (lines: RegExpMatchArray[]) => lines.flatMap((m) => [m[1]!, m[2]].filter((n): n is string => n !== undefined)).sort();
    assert.deepEqual(names(listed.filter((m) => !valued(m))), [...RUNSERVER_FLAGS, '--noreload', '-h', '--help'].sort());
    assert.deepEqual(names(listed.filter(valued)), [...RUNSERVER_VALUE_OPTIONS].sort());
  });
});
