/**
 * The serving half of runserver (Django's inner_run): settings, system checks, the socket, the
 * app, the banner, then serve until asked to stop. The process that serves runs this: the only
 * process with `--noreload`, the reloader's child otherwise (which hands in its listening socket).
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createApp, type AppOptions } from '../../app.js';
import { HIDE_WARNING_ENV } from '../../conf/env.js';
import type { Settings } from '../../conf/settings.js';
import { packageVersion } from '../../conf/version.js';
import { CommandError } from '../../errors.js';
import { isWildcard, type BindAddress } from '../../http/address.js';
import { bindTo, boundPort, type ListenFn } from '../../http/listen.js';
import { ListenError } from '../../http/listen-errors.js';
import { createDevServer, type DevServer } from '../../http/server.js';
import { unappliedMigrationsNotice } from '../../db/migrations/notice.js';
import { createTrace } from '../../reloader/trace.js';
import { performChecks } from '../check.js';
import type { CommandContext } from '../command.js';
import { formatBanner } from './banner.js';
import { createLoggers, type RunserverLoggers } from './logging.js';

export interface RunserverOptions {
  /** The parsed addrport (shown in the banner; bound unless `listen` says otherwise). */
  address: BindAddress;
  /** false with --nothreading. */
  threading: boolean;
  skipChecks: boolean;
  /** --nostatic */
  noStatic: boolean;
  /** --insecure */
  insecure: boolean;
}

export interface ServeHooks {
  /** How the server gets its socket (default: bind `address`; the reloader passes listenOn(handle)). */
  listen?: ListenFn;
  /** Aborting stops the server as a first Ctrl-C does (the reloader's `stop`). */
  signal?: AbortSignal;
  /** Called once the banner is printed and requests are being answered. */
  onServing?(port: number): void;
}

/** In-flight requests get this long to finish once a stop is asked for. */
export const SHUTDOWN_GRACE_MS = 5_000;

/** Django refuses to serve with DEBUG off and nobody allowed to reach it. */
export function checkAllowedHosts(settings: Settings): void {
  if (!settings.DEBUG && settings.ALLOWED_HOSTS.length === 0) {
    throw new CommandError('You must set settings.ALLOWED_HOSTS if DEBUG is False.');
  }
}

/** What runs once the settings are loaded, before the app: ALLOWED_HOSTS, then the checks block. */
export async function startupChecks(context: CommandContext, settings: Settings, options: RunserverOptions): Promise<void> {
  checkAllowedHosts(settings);
  if (!options.skipChecks) {
    context.stdout.write('Performing system checks...\n\n');
    await performChecks(context);
  }
  // Django checks migrations even with --skip-checks.
  const notice = await unappliedMigrationsNotice(settings, context.loader);
  if (notice.length > 0) context.stdout.write(`\n${notice.map((line) => context.stdout.style.notice(line)).join('\n')}\n`);
}

/** createApp's options for runserver's address and flags. */
export function runserverAppOptions(options: RunserverOptions, port: number, loggers: RunserverLoggers): AppOptions {
  return {
    serverName: serverName(options.address.host),
    serverPort: port,
    noStatic: options.noStatic,
    insecure: options.insecure,
    logger: loggers.request,
  };
}

/** Django's on_bind output: date, version and settings, the URL, how to quit, the warning. */
export function printBanner(context: CommandContext, settings: Settings, options: RunserverOptions, port: number): void {
  context.stdout.write(
    formatBanner(
      {
        now: new Date(),
        version: packageVersion(),
        settingsModule: settings.SETTINGS_MODULE,
        display: options.address.display,
        host: options.address.host,
        port,
        interfaces: networkInterfaces(),
        hideWarning: context.env[HIDE_WARNING_ENV] === 'true',
      },
      context.stdout.style,
    ),
  );
}

/** Serves until SIGINT/SIGTERM (or `hooks.signal`); resolves once the server has stopped. */
export async function innerRun(context: CommandContext, options: RunserverOptions, hooks: ServeHooks = {}): Promise<void> {
  const trace = createTrace(context.env, 'server');
  trace(`process started ${performance.now().toFixed(0)} ms ago`);
  // What user code and the checks import, before the settings register tsx's hooks, which slow
  // every later import down (a round trip to their thread per module).
  await Promise.all([context.loader.importString('managets'), options.skipChecks ? undefined : import('../../checks/builtin/index.js')]);
  const settings = await context.settings();
  trace('settings loaded');
  await startupChecks(context, settings, options);
  trace('checks done');
  const loggers = createLoggers(settings, context.stderr);
  try {
    const server = createDevServer({ threading: options.threading, log: loggers.server, timing: context.verbosity >= 2 });
    try {
      await server.listen(hooks.listen ?? bindTo(options.address));
    } catch (error) {
      throw new ListenError(error);
    }
    const port = boundPort(server.server);
    const app = await createApp(settings, context.loader, runserverAppOptions(options, port, loggers)).catch((error: unknown) => {
      server.destroy();
      throw error;
    });
    server.setHandler(app.listener);
    trace('app built');
    // Listening for Ctrl-C/SIGTERM before the banner: stdout to a pipe is written synchronously, so
    // whoever reads "Quit the server" may signal before the next line runs.
    const stopped = serveUntilStopped(context, server, hooks.signal);
    printBanner(context, settings, options, port);
    hooks.onServing?.(port);
    try {
      await stopped;
    } finally {
      app.close();
    }
  } finally {
    await loggers.close();
  }
}

/** First signal: graceful close; second: drop everything and return at once. */
function serveUntilStopped(context: CommandContext, server: DevServer, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const done = () => {
      unsubscribe();
      resolve();
    };
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void server.close(SHUTDOWN_GRACE_MS).then(done);
    };
    const unsubscribe = context.signals.onShutdown((count) => {
      if (count === 1) return stop();
      server.destroy();
      done();
    });
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** SERVER_NAME for requests without a Host header (Django uses the bind address's FQDN). */
function serverName(host: string): string {
  if (!isIP(host)) return host;
  return isWildcard(host) || host === '::1' || host.startsWith('127.') ? 'localhost' : host;
}
