/**
 * Spawns the real `manage` binary (bin/manage.js → dist/) and collects its output, for black-box
 * tests. Every started process is tracked so `killAll()` in an `after` hook leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MANAGE_BIN = fileURLToPath(new URL('../../bin/manage.js', import.meta.url));
export const MANAGETS_BIN = fileURLToPath(new URL('../../bin/managets.js', import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: no inherited settings module or colour forcing. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('MANAGE_') || key === 'FORCE_COLOR' || key === 'NO_COLOR') delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Written to the child's stdin, which is then closed (default: no stdin). */
  input?: string;
}

/** Runs any executable to completion (a project's `./manage.ts`, bash...). */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (options.input !== undefined) child.stdin!.end(options.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs `manage <args>` to completion. */
export function runManage(args: string[], options: RunOptions): Promise<RunResult> {
  return runProcess(process.execPath, [MANAGE_BIN, ...args], options);
}

/** Runs `managets <args>` (Django's django-admin) to completion. */
export function runManagets(args: string[], options: RunOptions): Promise<RunResult> {
  return runProcess(process.execPath, [MANAGETS_BIN, ...args], options);
}

export interface SpawnOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  detached?: boolean;
  /** A script to run instead of bin/manage.js (library tests drive small stand-ins). */
  script?: string;
  /** Run inside a pseudo-terminal (util-linux `script`), for commands that need a TTY. */
  terminal?: boolean;
  /** Run something else than `node bin/manage.js args`. */
  command?: [string, string[]];
}

/** A long-running `manage` process (runserver) whose output can be awaited line by line. */
export class ManageProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], options: SpawnOptions) {
    const command = [process.execPath, options.script ?? MANAGE_BIN, ...args];
    const [file, argv] =
      options.command ??
      (options.terminal
        ? ['script', ['-qefc', command.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' '), '/dev/null']]
        : [command[0]!, command.slice(1)]);
    this.child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first match of `pattern` in stdout+stderr, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs = 15_000, stream: 'stdout' | 'stderr' | 'both' = 'both'): Promise<RegExpMatchArray> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => {
        const text = stream === 'both' ? this.stdout + this.stderr : this[stream];
        const match = text.match(pattern);
        if (match) return resolve(match);
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
          return reject(new Error(`process exited before ${pattern}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        }
        if (Date.now() - started > timeoutMs) {
          return reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        }
        setTimeout(poll, 10);
      };
      poll();
    });
  }

  /** Waits for runserver's banner and returns the bound base URL. */
  async ready(timeoutMs = 20_000): Promise<string> {
    const match = await this.waitFor(/Starting development server at (http:\/\/\S+?)\/\n/, timeoutMs);
    return match[1]!;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 3000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      const result = await this.exited;
      clearTimeout(timer);
      return result;
    }
    return this.exited;
  }
}

/** Tracks processes so an `after` hook can kill them all, whatever the test did. */
export class ProcessPool {
  readonly #processes: ManageProcess[] = [];

  start(args: string[], options: SpawnOptions): ManageProcess {
    const process = new ManageProcess(args, options);
    this.#processes.push(process);
    return process;
  }

  async killAll(): Promise<void> {
    await Promise.all(this.#processes.map((p) => p.stop('SIGKILL', 0)));
  }
}

/** True while a process with this pid runs (a zombie, exited but not yet reaped by init, does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): kill(pid, 0) is all there is
  }
}
