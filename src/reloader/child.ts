/**
 * The app child's side of the protocol. It warms up (TypeScript loader, framework) before it is
 * needed, boots the user's code when told, serves on the supervisor's socket when told, and
 * drains when told to stop. Broken user code never kills it: it prints the error once and
 * serves an error page until the supervisor replaces it. It exits when the supervisor goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import { INSPECT_ENV } from '../conf/env.js';
import type { Settings } from '../conf/settings.js';
import { describeBootError, describeCrash, formatBootFailure, renderBootFailurePage, type BootFailure } from './boot-error.js';
import { closeInspector, decodeInspectTarget, openInspector } from './inspector.js';
import { LiveReloadHub } from './live-reload.js';
import { isSupervisorMessage, type BoundAddress, type ShutdownSource, type ChildMessage, type SupervisorMessage, type WatchReport } from './protocol.js';
import type { TcpHandle } from './socket.js';
import type { Trace } from './trace.js';
import { watchReportFromSettings } from './watch-dirs.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** What the app gives back once it booted. */
export interface ChildApp {
  listener: RequestListener;
  /** Folders whose changes only clear the template cache (defaults: read from TEMPLATES). */
  templateDirs?: readonly string[];
  /** Folders whose changes only reload the browser (defaults: STATICFILES_DIRS, apps' static/). */
  staticDirs?: readonly string[];
  clearTemplateCache?(): void;
  /** Called once connections are accepted: print the banner here. */
  onServing?(): void;
}

export interface StartContext {
  address: BoundAddress;
  /** Present in DEBUG with LIVE_RELOAD on: `inject` it into outgoing HTML responses. */
  liveReload: LiveReloadHub | undefined;
}

/** The child's HTTP server (runserver's dev server: request log, timeouts, keep-alive rules). */
export interface ChildServer {
  /** Starts accepting on the supervisor's socket; rejects with the system error. */
  listen(handle: TcpHandle): Promise<void>;
  /**
   * Stops accepting at once (synchronously), lets in-flight requests finish within `graceMs`
   * (their connections close after the response), then drops what is left.
   */
  close(graceMs: number): Promise<void>;
}

/** Implemented by runserver: the framework steps the runtime sequences. */
export interface ChildDriver {
  /** Everything that does not depend on user code: register TypeScript, import the framework. */
  prepare(): Promise<void>;
  /** Optional extra warming (start esbuild...) for an idle spare; skipped when a boot comes at once. */
  warmUp?(): Promise<void>;
  loadSettings(): Promise<Settings>;
  /** Runs the system checks and builds the request listener; throws when user code is broken. */
  start(settings: Settings, context: StartContext): Promise<ChildApp>;
  /** Files that failed to import so far. */
  errorFiles(): Iterable<string>;
  /** DEBUG as the settings file spells it (`export const DEBUG = false`), when they fail to load. */
  debugFromSource?(): boolean | undefined;
  /** The server around the listener; `settings` when they loaded. */
  createServer(listener: RequestListener, settings: Settings | undefined): ChildServer;
  /**
   * Reloader messages (Django's autoreload logger: shown with DEBUG unless LOGGING says otherwise);
   * resolves once written, so they keep their place before what the boot prints next on stdout.
   */
  reloadLog(message: string): Promise<void>;
  /** Where a broken project's error is printed. */
  stderr: { write(text: string): void };
  signals: ShutdownSource;
  /** How long in-flight requests may take once the child is told to stop. */
  drainMs?: number;
  /** Last words before the process exits (flush logs). */
  dispose?(): Promise<void>;
  /** Phase timings (MANAGE_TRACE_RELOAD). */
  trace?: Trace;
}

/** The IPC side of `process` in a child. */
export interface IpcChannel {
  send?(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown, handle?: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  /** False once the supervisor went away (process.connected). */
  readonly connected?: boolean;
}

export const WATCHING_MESSAGE = 'Watching for file changes with chokidar';
/** A boot sent as soon as the child is warm (the first child) arrives well within this. */
const WARM_UP_DELAY_MS = 50;

type BootMessage = Extract<SupervisorMessage, { type: 'boot' }>;

type ChildState = 'warming' | 'warm' | 'booting' | 'booted' | 'serving' | 'draining' | 'done';

export function runChild(driver: ChildDriver, channel: IpcChannel): Promise<void> {
  return new ChildRuntime(driver, channel).run();
}

class ChildRuntime {
  readonly #driver: ChildDriver;
  readonly #channel: IpcChannel;
  #state: ChildState = 'warming';
  #warmUp: NodeJS.Timeout | undefined;
  #handle: TcpHandle | undefined;
  #server: ChildServer | undefined;
  #app: ChildApp | undefined;
  #hub: LiveReloadHub | undefined;
  #finish: () => void = () => undefined;
  readonly #trace: Trace;
  readonly #inspect = decodeInspectTarget(process.env[INSPECT_ENV]);

  constructor(driver: ChildDriver, channel: IpcChannel) {
    this.#driver = driver;
    this.#channel = channel;
    this.#trace = driver.trace ?? (() => undefined);
  }

  async run(): Promise<void> {
    const done = new Promise<void>((resolve) => (this.#finish = resolve));
    const finish = () => {
      this.#state = 'done';
      this.#finish();
    };
    // Orphaned (the supervisor was killed): nothing is left to drain for, so die at once. A
    // graceful exit can deadlock on Node 20 while tsx's loader thread is still starting (seen in
    // soak runs: the orphan kept running and held its parent's pipes).
    const orphaned = () => process.kill(process.pid, 'SIGKILL');
    this.#channel.on('disconnect', orphaned);
    // A disconnect before this listener existed is not emitted again: a child spawned early by
    // a `manage` that then failed (bad addrport, port in use) finds itself orphaned here.
    if (this.#channel.connected === false) orphaned();
    this.#channel.on('message', (message, handle) => {
      if (isSupervisorMessage(message)) void this.#onMessage(message, handle as TcpHandle | undefined);
    });
    const unsubscribe = this.#driver.signals.onShutdown((count) => (count > 1 ? finish() : void this.#stop()));
    await Promise.race([this.#driver.prepare(), done]);
    if (this.#state === 'warming') {
      this.#trace('warm');
      this.#state = 'warm';
      this.#send({ type: 'warm' });
      // Only an idle spare warms up further: the first child gets its boot at once, and warming
      // beside the boot would only slow it down.
      this.#warmUp = setTimeout(() => void this.#driver.warmUp?.().catch(() => undefined), WARM_UP_DELAY_MS);
    }
    await done;
    clearTimeout(this.#warmUp);
    unsubscribe();
    this.#hub?.closeAll();
    await this.#driver.dispose?.();
  }

  #send(message: ChildMessage): void {
    try {
      this.#channel.send?.(message);
    } catch {
      // The supervisor is gone; 'disconnect' ends this process.
    }
  }

  async #onMessage(message: SupervisorMessage, handle: TcpHandle | undefined): Promise<void> {
    this.#trace(`${message.type} received`);
    switch (message.type) {
      case 'boot':
        this.#handle = handle;
        await this.#boot(message);
        break;
      case 'serve':
        await this.#serve();
        break;
      case 'stop':
        await this.#stop();
        break;
      case 'templates-changed':
        this.#app?.clearTemplateCache?.();
        this.#hub?.reload();
        break;
      case 'static-changed':
        if (message.cssOnly) this.#hub?.swapStylesheets();
        else this.#hub?.reload();
        break;
    }
  }

  async #boot(message: BootMessage): Promise<void> {
    if (this.#state !== 'warm') return;
    this.#state = 'booting';
    clearTimeout(this.#warmUp);
    if (message.crash) {
      this.#serveFailure(describeCrash(message.crash), message, undefined, false);
      return;
    }
    let settings: Settings | undefined;
    try {
      settings = await this.#driver.loadSettings();
      this.#trace('settings loaded');
      await this.#driver.reloadLog(WATCHING_MESSAGE);
      this.#hub = settings.DEBUG && settings.LIVE_RELOAD !== false ? new LiveReloadHub(message.generation) : undefined;
      this.#app = await this.#driver.start(settings, { address: message.address, liveReload: this.#hub });
    } catch (error) {
      this.#serveFailure(describeBootError(error), message, settings, true);
      return;
    }
    if (this.#state !== 'booting') return;
    this.#server = this.#driver.createServer(this.#wrap(this.#app.listener), settings);
    this.#state = 'booted';
    this.#trace('booted');
    const report = watchReportFromSettings(settings);
    this.#send({
      type: 'booted',
      ok: true,
      watch: {
        ...report,
        templateDirs: [...(this.#app.templateDirs ?? report.templateDirs)],
        staticDirs: [...(this.#app.staticDirs ?? report.staticDirs)],
        errorFiles: [...this.#driver.errorFiles()],
      },
    });
  }

  /** Prints the failure once and serves it as a 500 page (with live reload, so a fix refreshes it). */
  #serveFailure(failure: BootFailure, boot: BootMessage, settings: Settings | undefined, print: boolean): void {
    if (this.#state !== 'booting') return;
    if (print) this.#driver.stderr.write(formatBootFailure(failure));
    // Settings that did not load cannot say whether DEBUG is on: the last ones that did load
    // can, or failing that the settings file itself; the error never shows when nothing can.
    const debug = settings ? settings.DEBUG === true : (boot.debug ?? this.#driver.debugFromSource?.() ?? false);
    this.#hub = debug && settings?.LIVE_RELOAD !== false ? new LiveReloadHub(boot.generation) : undefined;
    const hub = this.#hub;
    const listener: RequestListener = (req, res) => {
      const body = renderBootFailurePage(failure, { debug, snippet: hub?.snippet() ?? '' });
      res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    this.#server = this.#driver.createServer(this.#wrap(listener), settings);
    this.#state = 'booted';
    const known: Omit<WatchReport, 'errorFiles'> = settings ? watchReportFromSettings(settings) : { templateDirs: [], staticDirs: [], ignored: [] };
    this.#send({ type: 'booted', ok: false, watch: { ...known, errorFiles: [...this.#driver.errorFiles()] } });
  }

  /** The live-reload endpoints answer before the app sees the request. */
  #wrap(listener: RequestListener): RequestListener {
    return (req, res) => (this.#hub?.handle(req, res) ? undefined : listener(req, res));
  }

  async #serve(): Promise<void> {
    const server = this.#server;
    if (this.#state !== 'booted' || !server || !this.#handle) return;
    if (this.#inspect) openInspector(this.#inspect, (text) => this.#driver.stderr.write(text));
    try {
      await server.listen(this.#handle);
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).errno;
      this.#send({ type: 'listen-failed', errno: typeof errno === 'number' ? errno : -1 });
      return;
    }
    this.#state = 'serving';
    this.#trace('listening');
    this.#send({ type: 'serving' });
    this.#app?.onServing?.();
  }

  async #stop(): Promise<void> {
    if (this.#state === 'done' || this.#state === 'draining') return;
    const server = this.#server;
    if (this.#state !== 'serving' || !server) {
      this.#state = 'done';
      this.#finish();
      return;
    }
    this.#state = 'draining';
    // The child taking over reopens it on the same port.
    closeInspector();
    const drained = server.close(this.#driver.drainMs ?? 5000);
    this.#send({ type: 'closed' });
    yieldCpu();
    this.#hub?.closeAll();
    await drained;
    this.#state = 'done';
    this.#finish();
  }
}

/**
 * A child that stopped accepting only finishes its last requests and exits: on a busy machine,
 * its teardown should not hold up the child taking over (measured: 15-30 ms of the swap). Lowering
 * one's own priority needs no privilege; it cannot be raised back, and need not be.
 */
function yieldCpu(): void {
  try {
    os.setPriority(10);
  } catch {
    // Not permitted here (some sandboxes): it only costs speed.
  }
}
