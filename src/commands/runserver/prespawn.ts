/**
 * runserver's first app child, spawned at the very top of `manage` (bin/manage.js), before the
 * CLI is imported: node boots the child while this process still loads commander, the CLI and the
 * reloader, and the supervisor adopts it instead of spawning one (cold start, issue 6).
 *
 * Runs before anything else, so it imports only node built-ins and leaf modules. It prespawns only
 * for a command line that certainly reaches the supervisor, spawned exactly as the supervisor
 * would (which checks that again when adopting); when in doubt it does not, and the supervisor
 * spawns as usual. A command line that fails before the supervisor runs kills the child on its
 * way out (cli/main.ts).
 */
import inspector from 'node:inspector';
import tty from 'node:tty';
import { childCommand, isReloaderChild, type ProcessLike } from '../../reloader/child-command.js';
import { stripInspectFlags } from '../../reloader/inspector.js';
import { EarlyChild } from '../../reloader/spawn-child.js';
import { createTrace } from '../../reloader/trace.js';

/**
 * The options of `manage runserver` (runserver.ts and cli/main.ts's global ones) that keep the
 * reloader on; --noreload and -h/--help are left out on purpose. A test keeps these in step with
 * `manage runserver --help`. An option missing here only costs the early start.
 */
export const RUNSERVER_FLAGS: ReadonlySet<string> = new Set([
  '-6', '--ipv6', '--nothreading', '--nostatic', '--insecure', '--skip-checks', '--poll', '--no-shortcuts',
  '--traceback', '--no-color', '--force-color',
]);
/** Options whose value is the next argument (or follows `=`; `-v2` for the short one). */
export const RUNSERVER_VALUE_OPTIONS: ReadonlySet<string> = new Set(['-v', '--verbosity', '--settings', '--pythonpath']);

export interface LaunchFacts {
  env: NodeJS.ProcessEnv;
  execArgv: readonly string[];
  /** This process has an IPC channel (with MANAGE_RUN_MAIN: it is itself a reloader child). */
  hasChannel: boolean;
  /** An inspector is open in this process: the supervisor takes it over and the child command differs. */
  inspectorOpen: boolean;
}

/**
 * Whether `argv` (the CLI's arguments, command first as the dispatcher reads them) is a runserver
 * that will supervise, and if so whether it may read shortcuts (no --no-shortcuts).
 */
export function supervisingRunserver(argv: readonly string[], facts: LaunchFacts): { shortcuts: boolean } | undefined {
  const [name, ...rest] = argv;
  if (name !== 'runserver') return undefined;
  if (isReloaderChild(facts.env, facts.hasChannel) || facts.inspectorOpen) return undefined;
  const nodeOptions = (facts.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  if (stripInspectFlags(facts.execArgv).length < facts.execArgv.length || stripInspectFlags(nodeOptions).length < nodeOptions.length) {
    return undefined;
  }
  let positionals = 0;
  let shortcuts = true;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('-')) positionals += 1;
    // Commander takes the next argument as the value, whatever it looks like.
    else if (RUNSERVER_VALUE_OPTIONS.has(arg)) i += 1;
    else if (hasInlineValue(arg)) continue;
    else if (arg === '--no-shortcuts') shortcuts = false;
    // --noreload, -h, --help, `--`, a cluster like -6h, anything unknown: not certain.
    else if (!RUNSERVER_FLAGS.has(arg)) return undefined;
  }
  // More than the one addrport is a usage error.
  return positionals <= 1 ? { shortcuts } : undefined;
}

/** `--settings=x`, `--verbosity=2`, `-v2`. */
function hasInlineValue(arg: string): boolean {
  const [name, value] = arg.split('=', 2);
  return (arg.startsWith('--') && value !== undefined && RUNSERVER_VALUE_OPTIONS.has(name!)) || /^-v[0-3]$/.test(arg);
}

/** Spawns runserver's first app child now if `argv` will supervise; the result goes to `main()`. */
export function prespawnRunserver(argv: readonly string[], proc: ProcessLike & { channel?: unknown } = process): EarlyChild | undefined {
  const decision = supervisingRunserver(argv, {
    env: proc.env,
    execArgv: proc.execArgv,
    hasChannel: proc.channel !== undefined,
    inspectorOpen: inspector.url() !== undefined,
  });
  if (!decision) return undefined;
  // The supervisor reads shortcuts from a terminal stdin (autoreload.ts); then the child gets none.
  const child = new EarlyChild(childCommand(proc), decision.shortcuts && tty.isatty(0) ? 'ignore' : 'inherit');
  createTrace(proc.env, 'supervisor')(`first child spawned early (pid ${child.pid})`);
  return child;
}
