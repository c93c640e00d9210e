/**
 * How the supervisor re-runs itself as the app child (Django's get_child_arguments): the same
 * node binary, node flags and script arguments, with MANAGE_RUN_MAIN=true in the environment.
 */
import { CHILD_ENV, INSPECT_ENV } from '../conf/env.js';
import { encodeInspectTarget, stripInspectFlags, type InspectTarget } from './inspector.js';

export interface ProcessLike {
  execPath: string;
  execArgv: readonly string[];
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
}

export interface ChildCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * With `inspect` (the supervisor took over its inspector), the inspector flags leave the node
 * flags and NODE_OPTIONS: the serving child opens the inspector itself (reloader/inspector.ts).
 */
export function childCommand(proc: ProcessLike, inspect?: InspectTarget): ChildCommand {
  const env: NodeJS.ProcessEnv = { ...proc.env, [CHILD_ENV]: 'true' };
  if (!inspect) return { command: proc.execPath, args: [...proc.execArgv, ...proc.argv.slice(1)], env };
  if (env.NODE_OPTIONS) env.NODE_OPTIONS = stripInspectFlags(env.NODE_OPTIONS.split(/\s+/)).join(' ');
  env[INSPECT_ENV] = encodeInspectTarget(inspect);
  return { command: proc.execPath, args: [...stripInspectFlags(proc.execArgv), ...proc.argv.slice(1)], env };
}

/** True in the app child of a supervisor: the environment says so and an IPC channel exists. */
export function isReloaderChild(env: NodeJS.ProcessEnv, hasChannel: boolean): boolean {
  return env[CHILD_ENV] === 'true' && hasChannel;
}
