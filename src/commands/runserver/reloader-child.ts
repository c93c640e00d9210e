/**
 * runserver inside the reloader's child (MANAGE_RUN_MAIN=true): the steps of innerRun, handed to
 * the reloader's child runtime, which decides when each runs. Warming up (the framework, the
 * TypeScript loader, esbuild) happens before the child is needed; settings and user code load on
 * `boot`; the socket is the supervisor's.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp, type App, type AppOptions } from '../../app.js';
import { loadApps } from '../../apps/registry.js';
import { resolveSettingsName } from '../../conf/load.js';
import { resolveModuleFile } from '../../conf/modules.js';
import type { Settings } from '../../conf/settings.js';
import { SystemCheckError, UserCodeError } from '../../errors.js';
import { listenOn, type ListenHandle } from '../../http/listen.js';
import { INFO } from '../../http/log.js';
import { createDevServer } from '../../http/server.js';
import type { ChildDriver } from '../../reloader/child.js';
import { createTrace } from '../../reloader/trace.js';
import { staticRoots } from '../../static/finders.js';
import type { CommandContext } from '../command.js';
import { printBanner, runserverAppOptions, SHUTDOWN_GRACE_MS, startupChecks, type RunserverOptions } from './inner-run.js';
import { createLoggers, type RunserverLoggers } from './logging.js';

/** How long a connection the old child accepted just before a swap has to send its request. */
const FRESH_GRACE_MS = 1000;

/**
 * An idle spare transforms a tiny module of its own: that starts tsx's esbuild service (15-40 ms)
 * and initializes tsx's disk cache before any user file needs them. The cache's first write in a
 * process also scans the whole cache folder to expire old entries (thousands of files on a busy
 * machine, measured 10-20 ms of CPU), which would otherwise land in the middle of a reload. The
 * content is unique so that the transform is not a cache hit; tsx expires the entry (~200 bytes)
 * after about 8 days.
 */
async function warmTypeScript(): Promise<void> {
  const dir = path.join(os.tmpdir(), `managets-${os.userInfo().uid}`);
  const file = path.join(dir, `warm-up-${process.pid}.mts`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `export const warmUp: string = '${process.pid}-${Date.now()}';\n`);
    await import(pathToFileURL(file).href);
  } catch {
    // Only speed is lost.
  } finally {
    rmSync(file, { force: true });
  }
}

/** `export const DEBUG = true|false` (a literal, with any type annotation) in the settings file, if it says so. */
function debugLiteral(context: CommandContext): boolean | undefined {
  const name = resolveSettingsName(context.env, context.loader.baseDir);
  const file = name && resolveModuleFile(name, context.loader.baseDir).file;
  try {
    const match = file && /^export\s+const\s+DEBUG\s*(?::[^=\n]+)?=\s*(true|false)\s*;?\s*(?:\/\/.*)?$/m.exec(readFileSync(file, 'utf8'));
    return match ? match[1] === 'true' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A check that failed because user code does not load (urls.E100 for a syntax error in a view)
 * hides where: building the app hits the same import and says file:line:column with a frame.
 */
async function codeErrorBehind(build: () => Promise<App>): Promise<UserCodeError | undefined> {
  try {
    await build();
  } catch (error) {
    if (error instanceof UserCodeError && error.location) return error;
  }
  return undefined;
}

export function reloaderChild(context: CommandContext, options: RunserverOptions): ChildDriver {
  const trace = createTrace(context.env, 'child');
  trace(`process started ${performance.now().toFixed(0)} ms ago`);
  let loggers: RunserverLoggers | undefined;
  let app: App | undefined;
  return {
    async prepare() {
      // The public API user code imports (the package's self-reference: the same module URL as a
      // project's `import ... from 'managets'`) and the checks, before tsx's hooks slow imports.
      await Promise.all([context.loader.importString('managets'), import('../../checks/builtin/index.js')]);
      await context.loader.ensureTypeScript();
    },
    warmUp: warmTypeScript,
    async loadSettings() {
      const settings = await context.settings();
      loggers = createLoggers(settings, context.stderr);
      return settings;
    },
    async start(settings, { address, liveReload }) {
      // One turn of the event loop lets the batched reload logger print "Watching for file
      // changes" before the checks block, in Django's order.
      await new Promise((resolve) => setImmediate(resolve));
      const appOptions: AppOptions = { ...runserverAppOptions(options, address.port, loggers!), ...(liveReload ? { liveReload } : {}) };
      const build = () => createApp(settings, context.loader, appOptions);
      try {
        await startupChecks(context, settings, options);
        trace('checks done');
      } catch (error) {
        throw error instanceof SystemCheckError ? ((await codeErrorBehind(build)) ?? error) : error;
      }
      const built = await build();
      trace('app built');
      app = built;
      return {
        listener: built.listener,
        templateDirs: built.templates.dirs,
        staticDirs: staticRoots(settings, await loadApps(settings, context.loader)),
        clearTemplateCache: () => built.templates.clearCache(),
        onServing: () => printBanner(context, settings, options, address.port),
      };
    },
    errorFiles: () => context.loader.errorFiles,
    debugFromSource: () => debugLiteral(context),
    createServer(listener, settings: Settings | undefined) {
      loggers ??= createLoggers(settings, context.stderr);
      const server = createDevServer({ handler: listener, threading: options.threading, log: loggers.server, timing: context.verbosity >= 2 });
      return {
        listen: (handle) => server.listen(listenOn(handle as unknown as ListenHandle)),
        close: (graceMs) => server.close(graceMs, { freshGraceMs: FRESH_GRACE_MS }),
      };
    },
    async reloadLog(message) {
      loggers?.reload.log(INFO, message);
      await loggers?.flush();
    },
    stderr: context.stderr,
    signals: context.signals,
    drainMs: SHUTDOWN_GRACE_MS,
    trace,
    dispose: async () => {
      // The database connection closes cleanly (WAL checkpointed) before the child exits.
      app?.close();
      await loggers?.close();
    },
  };
}
