/**
 * The supervisor's view of one app child (spawned by spawn-child.ts, just now or before the
 * supervisor existed): sending it messages (queued until it is warm, since a message sent before
 * the child listens is lost), tracking its lifecycle state and stopping it in stages (ask,
 * SIGTERM, SIGKILL).
 */
import type { ChildProcess } from 'node:child_process';
import { isChildMessage, type ChildMessage, type SupervisorMessage } from './protocol.js';
import type { TcpHandle } from './socket.js';
import { signalChild, type ExitInfo, type SpawnedChild } from './spawn-child.js';

export type { ExitInfo } from './spawn-child.js';

export type AppChildState = 'spawning' | 'warm' | 'booting' | 'booted' | 'serving' | 'draining' | 'exited';

export interface AppChildEvents {
  onMessage(child: AppChild, message: ChildMessage): void;
  onExit(child: AppChild, exit: ExitInfo): void;
  /** Not warm after `warmUpBoundMs`: its startup is stuck (no user code runs before `warm`). */
  onStuckWarming?(child: AppChild): void;
}

export class AppChild {
  readonly process: ChildProcess;
  state: AppChildState = 'spawning';
  /** Booted with broken user code: serving the error page, not the app. */
  broken = false;
  /** Booted to show that the previous child died, without loading user code. */
  crashPage = false;
  readonly exited: Promise<ExitInfo>;
  readonly #queue: Array<{ message: SupervisorMessage; handle: TcpHandle | undefined }> = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #warmUpTimer: NodeJS.Timeout | undefined;

  constructor(spawned: SpawnedChild, options: { warmUpBoundMs?: number }, events: AppChildEvents) {
    this.process = spawned.process;
    const onMessage = (message: unknown) => {
      if (!isChildMessage(message)) return;
      this.#advance(message);
      events.onMessage(this, message);
    };
    this.exited = new Promise((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        this.state = 'exited';
        clearTimeout(this.#warmUpTimer);
        for (const timer of this.#timers) clearTimeout(timer);
        // Subprocesses the app started die with it.
        this.signal('SIGTERM');
        const exit = { code, signal };
        events.onExit(this, exit);
        resolve(exit);
      };
      // An early child that already died is reported once the caller holds this object, as a
      // live child's exit would be.
      const early = spawned.exit;
      if (early) setImmediate(() => onExit(early.code, early.signal));
      else this.process.once('exit', onExit);
    });
    // A failed spawn also emits 'exit' (code -2 style); the error itself needs a listener.
    this.process.on('error', () => undefined);
    if (options.warmUpBoundMs !== undefined && events.onStuckWarming) {
      const onStuck = events.onStuckWarming;
      this.#warmUpTimer = setTimeout(() => {
        if (this.state === 'spawning') onStuck(this);
      }, options.warmUpBoundMs);
    }
    // What an early child said before it was adopted (`warm`) comes first, in order.
    for (const message of spawned.messages) onMessage(message);
    this.process.on('message', onMessage);
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get alive(): boolean {
    return this.state !== 'exited';
  }

  /** Sends now, or once the child reported `warm`. */
  send(message: SupervisorMessage, handle?: TcpHandle): void {
    if (this.state === 'spawning') {
      this.#queue.push({ message, handle });
      return;
    }
    this.#deliver(message, handle);
  }

  /** Signals the child's whole process group (the child alone where groups do not exist). */
  signal(signal: NodeJS.Signals): void {
    signalChild(this.process, signal);
  }

  /**
   * Stops the child: a serving child is asked to drain (`stop`), others get SIGTERM at once.
   * SIGTERM follows after `graceMs` and SIGKILL `killMs` later if it is still alive.
   */
  terminate(graceMs: number, killMs: number): Promise<ExitInfo> {
    if (!this.alive) return this.exited;
    if (this.state === 'serving') this.send({ type: 'stop' });
    else if (this.state !== 'draining') this.signal('SIGTERM');
    this.#after(graceMs, () => {
      this.signal('SIGTERM');
      this.#after(killMs, () => this.signal('SIGKILL'));
    });
    return this.exited;
  }

  kill(): void {
    this.signal('SIGKILL');
  }

  #after(ms: number, action: () => void): void {
    if (!this.alive) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.alive) action();
    }, ms);
    this.#timers.add(timer);
  }

  #advance(message: ChildMessage): void {
    switch (message.type) {
      case 'warm':
        clearTimeout(this.#warmUpTimer);
        this.state = 'warm';
        for (const { message: queued, handle } of this.#queue.splice(0)) this.#deliver(queued, handle);
        break;
      case 'booted':
        this.state = 'booted';
        this.broken = !message.ok;
        break;
      case 'serving':
        this.state = 'serving';
        break;
      case 'closed':
        this.state = 'draining';
        break;
      case 'listen-failed':
        break;
    }
  }

  #deliver(message: SupervisorMessage, handle: TcpHandle | undefined): void {
    if (!this.process.connected) return;
    if (message.type === 'boot') this.state = 'booting';
    if (message.type === 'stop') this.state = 'draining';
    try {
      // The handle is a libuv TCP handle; child_process accepts it as a 'net.Native' handle.
      this.process.send(message, handle as never);
    } catch {
      // The channel closed under us; the exit handler takes it from here.
    }
  }
}
