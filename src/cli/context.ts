/**
 * Builds the CommandContext from the real process: streams, environment, signals. The only
 * module besides main.ts that touches `process`.
 */
import type { CheckRegistry } from '../checks/registry.js';
import { loadApps } from '../apps/registry.js';
import { loadSettings } from '../conf/load.js';
import { ModuleLoader } from '../conf/modules.js';
import type { Settings } from '../conf/settings.js';
import type { CommandContext, Output, ShutdownSignals } from '../commands/command.js';
import { colorEnabled, createStyle, type ColorFlags } from './style.js';

export interface ContextOptions {
  prog: string;
  env: NodeJS.ProcessEnv;
  baseDir: string;
  verbosity: number;
  traceback: boolean;
  color: ColorFlags;
  firstChild?: CommandContext['firstChild'];
}

function output(stream: NodeJS.WriteStream & { fd: number }, env: NodeJS.ProcessEnv, flags: ColorFlags): Output {
  return {
    write: (text) => void stream.write(text),
    isTTY: stream.isTTY === true,
    stream,
    style: createStyle(colorEnabled(stream, env, flags)),
    fd: stream.fd,
  };
}

/** SIGINT/SIGTERM handlers are installed only once a command listens, so `check` still dies on Ctrl-C. */
function processSignals(): ShutdownSignals {
  const listeners = new Set<(count: number) => void>();
  let count = 0;
  const onSignal = () => {
    count += 1;
    for (const listener of listeners) listener(count);
  };
  return {
    onShutdown(listener) {
      if (listeners.size === 0) {
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      };
    },
  };
}

export function createContext(options: ContextOptions): CommandContext {
  const loader = new ModuleLoader({ baseDir: options.baseDir });
  let settings: Promise<Settings> | undefined;
  let checks: Promise<CheckRegistry> | undefined;
  const context: CommandContext = {
    prog: options.prog,
    env: options.env,
    cwd: options.baseDir,
    stdin: process.stdin,
    stdout: output(process.stdout, options.env, options.color),
    stderr: output(process.stderr, options.env, options.color),
    verbosity: options.verbosity,
    traceback: options.traceback,
    loader,
    signals: processSignals(),
    firstChild: options.firstChild,
    settings: () => (settings ??= loadSettings(options.env, loader)),
    checks: () =>
      (checks ??= (async () => {
        // Loaded on demand: the built-in checks pull in urls, templates and static (8 MB the
        // reloader's supervisor, which never runs checks, does not need).
        const { createCheckRegistry } = await import('../checks/builtin/index.js');
        const registry = createCheckRegistry();
        const apps = await loadApps(await context.settings(), loader);
        for (const app of apps) {
          for (const { check, tags, deploy } of app.checks) {
            registry.register(check, { tags: tags ?? [app.label], deploy: deploy ?? false });
          }
        }
        return registry;
      })()),
  };
  return context;
}
