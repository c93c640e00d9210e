/**
 * Spawning an app child (the one place that says how: its stdio and its own process group), and
 * holding one spawned before its supervisor exists: runserver's first child is started at the
 * top of `manage`, while this process still loads the CLI (commands/runserver/prespawn.ts).
 * Imports nothing heavy: it runs before anything else is loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ChildCommand } from './child-command.js';

/** Separate process groups let us signal a child's own subprocesses too; Windows has none. */
const PROCESS_GROUPS = process.platform !== 'win32';

/** 'ignore' while the supervisor reads shortcuts from the terminal: the app never competes for them. */
export type ChildStdin = 'inherit' | 'ignore';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A child process and what it said or did before anyone listened: an IPC message that reaches a
 * ChildProcess with no 'message' listener is lost, and so is its 'exit'.
 */
export interface SpawnedChild {
  process: ChildProcess;
  messages: readonly unknown[];
  exit?: ExitInfo;
}

export function spawnChild(command: ChildCommand, stdin: ChildStdin): SpawnedChild {
  const child = spawn(command.command, command.args, {
    env: command.env,
    stdio: [stdin, 'inherit', 'inherit', 'ipc'],
    detached: PROCESS_GROUPS,
  });
  return { process: child, messages: [] };
}

/** Signals a child's whole process group (the child alone where groups do not exist). */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(PROCESS_GROUPS ? -pid : pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * A child spawned before the supervisor that will adopt it exists: keeps what the child says
 * meanwhile, and is adopted at most once, and only if the supervisor would have spawned it the
 * same way. Whoever holds it and does not adopt it must `discard` it.
 */
export class EarlyChild {
  readonly #spawned: SpawnedChild & { messages: unknown[] };
  readonly #key: string;
  #settled = false;
  readonly #onMessage = (message: unknown) => void this.#spawned.messages.push(message);
  readonly #onExit = (code: number | null, signal: NodeJS.Signals | null) => (this.#spawned.exit = { code, signal });
  // A failed spawn emits 'error' (then 'exit'); an 'error' with no listener would crash this process.
  readonly #onError = () => undefined;

  constructor(command: ChildCommand, stdin: ChildStdin) {
    this.#key = keyOf(command, stdin);
    this.#spawned = { ...spawnChild(command, stdin), messages: [] };
    this.#spawned.process.on('message', this.#onMessage).once('exit', this.#onExit).on('error', this.#onError);
  }

  get pid(): number | undefined {
    return this.#spawned.process.pid;
  }

  /**
   * Hands the child over if it was spawned exactly as `command` and `stdin` say; a child that
   * does not match is killed (the caller spawns the right one). Undefined after the first call.
   */
  adopt(command: ChildCommand, stdin: ChildStdin): SpawnedChild | undefined {
    if (this.#settled) return undefined;
    if (keyOf(command, stdin) !== this.#key) {
      this.discard();
      return undefined;
    }
    this.#settled = true;
    this.#spawned.process.off('message', this.#onMessage).off('exit', this.#onExit).off('error', this.#onError);
    return this.#spawned;
  }

  /** Kills the child unless it was adopted (the command line never reached the supervisor). */
  discard(): void {
    if (this.#settled) return;
    this.#settled = true;
    signalChild(this.#spawned.process, 'SIGKILL');
  }
}

function keyOf(command: ChildCommand, stdin: ChildStdin): string {
  return JSON.stringify([command.command, command.args, command.env, stdin]);
}
