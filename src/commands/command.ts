/**
 * The one small interface every command implements (built-in or from an app's
 * management/commands/ folder), and the context it runs in. Adding a command is adding a file.
 */
import type { Command } from 'commander';
import type { CheckRegistry } from '../checks/registry.js';
import type { ModuleLoader } from '../conf/modules.js';
import type { Settings } from '../conf/settings.js';
import type { EarlyChild } from '../reloader/spawn-child.js';
import type { Style } from '../cli/style.js';

export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly style: Style;
  /** The descriptor behind the stream, for writers that bypass it (runserver's async request log). */
  readonly fd?: number;
  /** The underlying stream, for commands that drive it themselves (shell's REPL). */
  readonly stream: NodeJS.WriteStream;
}

export interface CommandContext {
  /** `manage` or `managets`, for messages such as "Type 'manage help' for usage." */
  readonly prog: string;
  /** The environment passed on to child processes (`--settings` is written into it). */
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly verbosity: number;
  readonly traceback: boolean;
  readonly loader: ModuleLoader;
  /** Loads the settings once and returns the same frozen object afterwards. */
  settings(): Promise<Settings>;
  /** The check registry with the built-in checks and those of installed apps. */
  checks(): Promise<CheckRegistry>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `force` on the second signal. */
  readonly signals: ShutdownSignals;
  /**
   * runserver's first app child, spawned before the CLI loaded (commands/runserver/prespawn.ts):
   * its supervisor adopts it; the dispatcher kills it if the command line never got that far.
   */
  readonly firstChild?: EarlyChild;
}

export interface ShutdownSignals {
  /** Called once per received SIGINT/SIGTERM with the count so far (1 = graceful, 2+ = force). */
  onShutdown(listener: (count: number) => void): () => void;
}

export type CommandOptions = Record<string, unknown>;

export interface CommandDefinition {
  /** One line for `manage help` and the first line of `manage <command> --help`. */
  help: string;
  /** Declares positional arguments and options on commander's Command. */
  configure?(command: Command): void;
  /** Loads settings before `handle` (default true). */
  requiresSettings?: boolean;
  /** Runs the command; resolves when it is done (runserver: when the server stops). */
  handle(context: CommandContext, args: string[], options: CommandOptions): Promise<void>;
}

/** Identity helper so command files get type-checked definitions. */
export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition;
}
