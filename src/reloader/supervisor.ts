/**
 * The supervisor: owns the listening socket, the file watcher, the terminal shortcuts and the
 * app children, and never loads user code. One child serves; a warm spare (framework and
 * TypeScript loader already loaded) waits beside it. On a change the spare boots the new code;
 * once it is ready the old child stops accepting and drains, the new one accepts on the same
 * socket, and a new spare is started. Requests in between wait in the kernel backlog.
 */
import path from 'node:path';
import { AppChild, type ExitInfo } from './app-child.js';
import { BootClock } from './boot-clock.js';
import { ChangeBatcher, type ChangeBatch } from './batcher.js';
import type { ChildCommand } from './child-command.js';
import { classifyChange, type ClassifyConfig } from './classify.js';
import type { ChildMessage, ShutdownSource, CrashReport, WatchReport } from './protocol.js';
import { browserUrl, Shortcuts } from './shortcuts.js';
import { BindError, type SharedSocket } from './socket.js';
import { spawnChild, type EarlyChild } from './spawn-child.js';
import type { Trace } from './trace.js';
import { DEFAULT_TIMING, type SupervisorTiming } from './timing.js';
import { FileWatcher } from './watcher.js';

/**
 * idle: not started. booting: a child is loading code to replace the serving one (or to be the
 * first). serving: one child accepts, nothing is booting. waiting: nothing can serve (even the
 * error page failed) until a file changes. stopping → stopped: shutdown.
 */
export type SupervisorState = 'idle' | 'booting' | 'serving' | 'waiting' | 'stopping' | 'stopped';

/** Allowed transitions; anything else is a bug and throws. */
const TRANSITIONS: Readonly<Record<SupervisorState, readonly SupervisorState[]>> = Object.freeze({
  idle: ['booting', 'stopping'],
  booting: ['serving', 'waiting', 'stopping'],
  serving: ['booting', 'stopping'],
  waiting: ['booting', 'stopping'],
  stopping: ['stopped'],
  stopped: [],
});

export interface SupervisorOptions {
  socket: SharedSocket;
  /** The host as the user gave it, for the child's banner. */
  displayHost: string;
  child: ChildCommand;
  /** A child spawned before this process loaded the reloader: the first spawn adopts it. */
  firstChild?: EarlyChild;
  /** The project root to watch (--pythonpath or the current directory). */
  root: string;
  poll: boolean;
  /** Read shortcuts from this TTY; undefined when stdin is not a TTY or with --no-shortcuts. */
  shortcuts: NodeJS.ReadableStream | undefined;
  stderr: { write(text: string): void };
  signals: ShutdownSource;
  platform?: NodeJS.Platform;
  timing?: Partial<SupervisorTiming>;
  /** Phase timings (MANAGE_TRACE_RELOAD). */
  trace?: Trace;
}

export class Supervisor {
  readonly #options: SupervisorOptions;
  readonly #timing: SupervisorTiming;
  #state: SupervisorState = 'idle';
  /** The child accepting connections. */
  #active: AppChild | undefined;
  /** The child booting new code, to replace #active, and since when. */
  #next: AppChild | undefined;
  /** Starts the next spare a little after a swap. */
  #spareTimer: NodeJS.Timeout | undefined;
  readonly #bootClock: BootClock;
  /** A warm child waiting for the next boot. */
  #spare: AppChild | undefined;
  readonly #draining = new Set<AppChild>();
  /** A restart asked for while one was in progress: the changed file, or '' for none. */
  #pendingRestart: string | undefined;
  #generation = 0;
  #spareFailures = 0;
  #debug: boolean | undefined;
  /** The old child asked to stop accepting during a swap, and the bound on its answer. */
  #closing: { child: AppChild; timer: NodeJS.Timeout } | undefined;
  #failure: Error | undefined;
  #config: ClassifyConfig = { templateDirs: [], staticDirs: [], ignored: [], errorFiles: new Set() };
  #watcher: FileWatcher | undefined;
  #watcherReady: Promise<void> = Promise.resolve();
  #shortcuts: Shortcuts | undefined;
  #unsubscribeSignals: (() => void) | undefined;
  readonly #batcher: ChangeBatcher;
  #resolveDone: () => void = () => undefined;
  readonly #trace: Trace;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#trace = options.trace ?? (() => undefined);
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#bootClock = new BootClock(this.#timing.stuckBootMs, () => this.#onSlowBoot());
    this.#batcher = new ChangeBatcher({
      delayMs: this.#timing.debounceMs,
      burstDelayMs: this.#timing.burstDebounceMs,
      maxWaitMs: this.#timing.maxWaitMs,
      onFlush: (batch) => this.#onBatch(batch),
    });
  }

  get state(): SupervisorState {
    return this.#state;
  }

  /** Pids of the live children (active, booting, spare, draining), for diagnostics and tests. */
  get childPids(): number[] {
    return [this.#active, this.#next, this.#spare, ...this.#draining].flatMap((c) => (c?.alive && c.pid ? [c.pid] : []));
  }

  /** Runs until SIGINT/SIGTERM or `q`; rejects with a BindError when the port was taken before the first child listened. */
  async run(): Promise<void> {
    const done = new Promise<void>((resolve) => (this.#resolveDone = resolve));
    this.#unsubscribeSignals = this.#options.signals.onShutdown((count) => this.stop(count > 1));
    // The first child loads while the watcher scans the project.
    this.#restart(undefined);
    this.#watcherReady = this.#startWatcher().catch((error: unknown) => {
      this.#options.stderr.write(`Error: could not watch files: ${error instanceof Error ? error.message : String(error)}\n`);
    });
    if (this.#options.shortcuts) {
      this.#shortcuts = new Shortcuts(this.#options.shortcuts, {
        restart: () => this.#restart(undefined),
        quit: () => this.stop(),
        write: (text) => this.#options.stderr.write(text),
        url: browserUrl(this.#options.socket, this.#options.displayHost),
        platform: this.#options.platform ?? process.platform,
      });
    }
    await done;
    if (this.#failure) throw this.#failure;
  }

  async #startWatcher(): Promise<void> {
    const watcher = await FileWatcher.start({
      root: this.#options.root,
      poll: this.#options.poll,
      onChange: (file) => this.#onFileChange(file),
      onError: (message) => this.#options.stderr.write(message),
    });
    if (this.#state === 'stopping' || this.#state === 'stopped') {
      await watcher.close();
      return;
    }
    this.#watcher = watcher;
    await watcher.ready;
  }

  /** Stops everything: the serving child drains; `force` kills all children at once. */
  stop(force = false): void {
    if (this.#state === 'stopped') return;
    if (this.#state !== 'stopping') {
      this.#transition('stopping');
      this.#batcher.cancel();
      this.#unsubscribeSignals?.();
      this.#shortcuts?.close();
      void this.#watcher?.close();
      this.#bootClock.cancel();
      clearTimeout(this.#spareTimer);
      clearTimeout(this.#closing?.timer);
      this.#closing = undefined;
    }
    for (const child of this.#children()) {
      if (force) child.kill();
      else child.terminate(this.#timing.drainMs, this.#timing.killMs);
    }
    this.#finishIfStopped();
  }

  #transition(to: SupervisorState): void {
    if (this.#state === to) return;
    if (!TRANSITIONS[this.#state].includes(to)) throw new Error(`reloader: invalid transition ${this.#state} → ${to}`);
    this.#state = to;
  }

  #children(): AppChild[] {
    return [this.#active, this.#next, this.#spare, ...this.#draining].filter((c): c is AppChild => c !== undefined && c.alive);
  }

  #spawn(): AppChild {
    const { child: command, firstChild } = this.#options;
    const stdin = this.#options.shortcuts ? 'ignore' : 'inherit';
    const adopted = firstChild?.adopt(command, stdin);
    if (adopted) this.#trace(`adopted the first child (pid ${adopted.process.pid})`);
    return new AppChild(
      adopted ?? spawnChild(command, stdin),
      { warmUpBoundMs: this.#timing.warmUpBoundMs },
      {
        onMessage: (child, message) => this.#onMessage(child, message),
        onExit: (child, exit) => this.#onExit(child, exit),
        onStuckWarming: (child) => this.#onStuckWarming(child),
      },
    );
  }

  #ensureSpare(): void {
    if (this.#spare || this.#state === 'stopping' || this.#state === 'stopped') return;
    if (this.#spareFailures >= this.#timing.maxSpareFailures) return;
    this.#spare = this.#spawn();
    this.#trace(`spare spawned (pid ${this.#spare.pid})`);
  }

  /** Boots new code in the spare (or a fresh child); `changed` is the file that triggered it. */
  #restart(changed: string | undefined, crash?: CrashReport): void {
    if (this.#state === 'stopping' || this.#state === 'stopped') return;
    if (this.#next) {
      this.#pendingRestart ??= changed ?? '';
      // A hung boot never reports: end it, and its exit starts the pending restart. A boot not
      // yet past the bound is ended when it gets there (#onSlowBoot).
      if (this.#next.state === 'booting' && this.#bootClock.overdue()) this.#next.kill();
      return;
    }
    if (changed && this.#debug !== false) {
      this.#options.stderr.write(`${path.relative(process.cwd(), changed) || changed} changed, reloading.\n`);
    }
    this.#transition('booting');
    this.#spareFailures = 0;
    const child = this.#spare ?? this.#spawn();
    this.#spare = undefined;
    this.#next = child;
    child.crashPage = crash !== undefined;
    this.#generation += 1;
    const { socket, displayHost } = this.#options;
    const address = { host: displayHost, port: socket.port, family: socket.family };
    const known = this.#debug === undefined ? {} : { debug: this.#debug };
    child.send({ type: 'boot', generation: this.#generation, address, ...known, ...(crash ? { crash } : {}) }, socket.handle);
    this.#trace(`boot ${this.#generation} sent to pid ${child.pid} (${child.state})`);
    // A child still warming gets the boot once warm: the clock starts then.
    if (child.state === 'booting') this.#bootClock.start();
  }

  /**
   * A child never got warm (node and the framework only: seen as a deadlock between Node 20's
   * main thread and tsx's hooks thread). One that had a boot waiting is replaced by a fresh one.
   */
  #onStuckWarming(child: AppChild): void {
    this.#options.stderr.write(`An app process (pid ${child.pid}) did not start within ${this.#timing.warmUpBoundMs / 1000} s; starting another.\n`);
    if (child === this.#next) this.#pendingRestart ??= '';
    child.kill();
  }

  /** The boot is overdue: end it if a change is waiting, else say what may be going on. */
  #onSlowBoot(): void {
    const child = this.#next;
    if (child?.state !== 'booting') return;
    if (this.#pendingRestart !== undefined) {
      child.kill();
      return;
    }
    const seconds = Math.round(this.#bootClock.elapsedMs / 100) / 10;
    this.#options.stderr.write(
      `The app is still loading after ${seconds} s (a top-level await that never settles, or an endless loop?). Save a change to restart it.\n`,
    );
  }

  #onMessage(child: AppChild, message: ChildMessage): void {
    this.#trace(`${message.type} from pid ${child.pid}`);
    if (message.type === 'warm' && child === this.#spare) this.#spareFailures = 0;
    if (message.type === 'warm' && child === this.#next) this.#bootClock.start();
    if (child !== this.#next) {
      if (message.type === 'closed') this.#onOldClosed(child);
      return;
    }
    switch (message.type) {
      case 'booted':
        this.#bootClock.done();
        this.#learn(message.watch);
        void this.#swap();
        break;
      case 'serving':
        this.#onServing(child);
        break;
      case 'listen-failed':
        this.#failure = new BindError(message.errno, this.#options.socket.address, this.#options.socket.port);
        this.stop(true);
        break;
      default:
        break;
    }
  }

  /** Takes in what the child knows from the settings. */
  #learn(report: WatchReport): void {
    if (report.debug !== undefined) this.#debug = report.debug;
    const errorFiles = new Set(report.errorFiles);
    const outside = report.errorFiles.filter((file) => !file.startsWith(path.resolve(this.#options.root) + path.sep));
    this.#watcher?.add(outside);
    // A failed boot may not know the folders (settings did not load): keep the last known ones.
    if (report.debug === undefined) {
      this.#config = { ...this.#config, errorFiles };
      return;
    }
    this.#watcher?.unwatch(report.ignored.filter((entry) => !entry.startsWith('*')));
    this.#config = { templateDirs: report.templateDirs, staticDirs: report.staticDirs, ignored: report.ignored, errorFiles };
  }

  /** The new child is ready: make the old one stop accepting, then let the new one accept. */
  async #swap(): Promise<void> {
    // The first child accepts only once changes are seen, so no edit is missed after the banner.
    if (!this.#active) await this.#watcherReady;
    const old = this.#active;
    this.#active = undefined;
    if (!old?.alive) {
      this.#next?.send({ type: 'serve' });
      this.#trace('serve sent');
      return;
    }
    this.#draining.add(old);
    void old.terminate(this.#timing.drainMs, this.#timing.killMs);
    // If the old child never confirms, kill it: its copy of the socket closes when it dies.
    const timer = setTimeout(() => {
      old.kill();
      this.#onOldClosed(old);
    }, this.#timing.closeAckMs);
    this.#closing = { child: old, timer };
  }

  /** The old child no longer accepts (it said so, died, or was killed): the new one may. */
  #onOldClosed(child: AppChild): void {
    if (this.#closing?.child !== child) return;
    clearTimeout(this.#closing.timer);
    this.#closing = undefined;
    this.#next?.send({ type: 'serve' });
    this.#trace('serve sent');
  }

  #onServing(child: AppChild): void {
    this.#active = child;
    this.#next = undefined;
    this.#transition('serving');
    // The new child's first requests (the browser reloading) come now: a spare starting up at
    // the same moment would take half the CPU from them (measured: first request 25-65 ms
    // instead of 5 on a busy 2-core machine). A change meanwhile spawns a child anyway.
    clearTimeout(this.#spareTimer);
    this.#spareTimer = setTimeout(() => this.#ensureSpare(), this.#pendingRestart === undefined ? this.#timing.spareDelayMs : 0);
    if (this.#pendingRestart !== undefined) {
      const changed = this.#pendingRestart;
      this.#pendingRestart = undefined;
      this.#restart(changed || undefined);
    }
  }

  #onExit(child: AppChild, exit: ExitInfo): void {
    this.#draining.delete(child);
    this.#onOldClosed(child);
    if (this.#state === 'stopping') {
      this.#finishIfStopped();
      return;
    }
    if (child === this.#spare) {
      this.#spare = undefined;
      this.#spareFailures += 1;
      this.#ensureSpare();
      return;
    }
    if (child !== this.#active && child !== this.#next) return;
    const wasBooting = child === this.#next;
    if (wasBooting) {
      this.#next = undefined;
      // A swap already under way: the old child drains anyway; nothing is left to start.
      clearTimeout(this.#closing?.timer);
      this.#closing = undefined;
    } else {
      this.#active = undefined;
      // The child booting now replaces it anyway.
      if (this.#next) return;
    }
    const pending = this.#pendingRestart;
    this.#pendingRestart = undefined;
    // Exit code 3 asks for a restart (Django's protocol), and changes made meanwhile deserve one.
    // Anything else waits for a change; meanwhile a fresh child answers every request with a page
    // saying what happened, unless the child that died was already such a page (no loop).
    if (exit.code === 3 || pending !== undefined) this.#restart(pending || undefined);
    else if (wasBooting && child.crashPage) this.#transition(this.#active ? 'serving' : 'waiting');
    else this.#restart(undefined, exit);
  }

  #onFileChange(file: string): void {
    const kind = classifyChange(file, this.#config);
    this.#trace(`${kind}: ${file}`);
    if (kind !== 'ignore') this.#batcher.add(kind, file);
  }

  #onBatch(batch: ChangeBatch): void {
    this.#trace('batch flushed');
    const active = this.#active;
    const broken = active?.broken === true || active === undefined;
    if (batch.restart.length > 0 || (broken && batch.template.length > 0)) {
      this.#restart(batch.restart[0] ?? batch.template[0]);
      return;
    }
    if (!active) return;
    if (batch.template.length > 0) active.send({ type: 'templates-changed', files: batch.template });
    if (batch.static.length > 0) {
      const cssOnly = batch.template.length === 0 && batch.static.every((file) => file.endsWith('.css'));
      active.send({ type: 'static-changed', files: batch.static, cssOnly });
    }
  }

  #finishIfStopped(): void {
    if (this.#state !== 'stopping' || this.#children().length > 0) return;
    this.#options.socket.close();
    this.#transition('stopped');
    this.#resolveDone();
  }
}
