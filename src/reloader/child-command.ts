/**
 * How the supervisor re-runs itself as the app child (Django's get_child_arguments): the same
 * node binary, node flags and script arguments, with MANAGE_RUN_MAIN=true in the environment.
 */
import { CHILD_ENV } from '../conf/env.js';

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

export function childCommand(proc: ProcessLike): ChildCommand {
  return {
    command: proc.execPath,
    args: [...proc.execArgv, ...proc.argv.slice(1)],
    env: { ...proc.env, [CHILD_ENV]: 'true' },
  };
}

/** True in the app child of a supervisor: the environment says so and an IPC channel exists. */
export function isReloaderChild(env: NodeJS.ProcessEnv, hasChannel: boolean): boolean {
  return env[CHILD_ENV] === 'true' && hasChannel;
}
