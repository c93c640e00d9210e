/**
 * Trailing debounce for file events: one editor save (two to five events, all within a few
 * milliseconds) becomes one batch, flushed once no event came for `delayMs`. Events still coming
 * after that long are a burst (several saves, a slow write, a git checkout): from then on the
 * quiet time is `burstDelayMs`, so one short pause inside the burst does not split it. `maxWaitMs`
 * caps the wait so a file rewritten forever still flushes.
 */
import type { ChangeKind } from './classify.js';

export type RelevantKind = Exclude<ChangeKind, 'ignore'>;

/** The changed files of one batch by kind, each list in arrival order without duplicates. */
export type ChangeBatch = Record<RelevantKind, string[]>;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

export class ChangeBatcher {
  readonly #delayMs: number;
  readonly #burstDelayMs: number;
  readonly #maxWaitMs: number;
  readonly #onFlush: (batch: ChangeBatch) => void;
  readonly #timers: Timers;
  #batch: ChangeBatch = emptyBatch();
  #timer: unknown;
  #firstAt = 0;

  constructor(options: { delayMs: number; burstDelayMs?: number; maxWaitMs: number; onFlush: (batch: ChangeBatch) => void; timers?: Timers }) {
    this.#delayMs = options.delayMs;
    this.#burstDelayMs = Math.max(options.delayMs, options.burstDelayMs ?? options.delayMs);
    this.#maxWaitMs = options.maxWaitMs;
    this.#onFlush = options.onFlush;
    this.#timers = options.timers ?? realTimers;
  }

  add(kind: RelevantKind, file: string): void {
    if (this.#timer === undefined) this.#firstAt = this.#timers.now();
    if (!this.#batch[kind].includes(file)) this.#batch[kind].push(file);
    this.#arm();
  }

  #arm(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    const now = this.#timers.now();
    const delay = now - this.#firstAt >= this.#delayMs ? this.#burstDelayMs : this.#delayMs;
    const wait = Math.max(0, Math.min(delay, this.#firstAt + this.#maxWaitMs - now));
    this.#timer = this.#timers.setTimeout(() => this.flush(), wait);
  }

  /** Delivers what is pending now (no-op when nothing is). */
  flush(): void {
    if (this.#timer === undefined) return;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#batch;
    this.#batch = emptyBatch();
    this.#onFlush(batch);
  }

  /** Drops pending events (shutdown). */
  cancel(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#batch = emptyBatch();
  }
}

function emptyBatch(): ChangeBatch {
  return { restart: [], template: [], static: [] };
}
