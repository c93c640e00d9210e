/**
 * Times the boot under way, to tell a slow one from a hung one (top-level code that never
 * returns: an await that never settles, an endless loop). A boot counts as overdue past 3x the
 * last boot's duration, and never before `stuckBootMs`; the first boot (cold caches, esbuild
 * starting) gets 2.5x that. Normal boots take 50-500 ms, so this waits long enough for a slow
 * machine and not so long that a fix saved meanwhile seems ignored.
 */
export class BootClock {
  readonly #stuckBootMs: number;
  readonly #onOverdue: () => void;
  #since = 0;
  #lastMs = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(stuckBootMs: number, onOverdue: () => void) {
    this.#stuckBootMs = stuckBootMs;
    this.#onOverdue = onOverdue;
  }

  /** Milliseconds since the boot started. */
  get elapsedMs(): number {
    return Date.now() - this.#since;
  }

  get boundMs(): number {
    return this.#lastMs > 0 ? Math.max(this.#stuckBootMs, 3 * this.#lastMs) : 2.5 * this.#stuckBootMs;
  }

  /** A boot reached a warm child; `onOverdue` fires if it is still running past the bound. */
  start(): void {
    this.#since = Date.now();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#onOverdue, this.boundMs);
  }

  /** The boot finished: its duration sets the next bound. */
  done(): void {
    clearTimeout(this.#timer);
    this.#lastMs = this.elapsedMs;
  }

  overdue(): boolean {
    return this.elapsedMs > this.boundMs;
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }
}
