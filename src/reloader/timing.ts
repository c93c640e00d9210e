/** The supervisor's timing knobs and their defaults (tests shorten some of them). */

export interface SupervisorTiming {
  /** Quiet time after the last file event before acting. */
  debounceMs: number;
  /** The quiet time once events keep coming longer than `debounceMs` (a burst of saves). */
  burstDebounceMs: number;
  /** Longest a burst of events can postpone acting. */
  maxWaitMs: number;
  /** How long an old child may take to stop accepting before it is killed. */
  closeAckMs: number;
  /** How long a stopping child may drain before SIGTERM. */
  drainMs: number;
  /** How long after SIGTERM before SIGKILL. */
  killMs: number;
  /** A child not warm by then (node and the framework loaded, no user code yet) is stuck. */
  warmUpBoundMs: number;
  /** How long after a swap the next spare starts. */
  spareDelayMs: number;
  /** Consecutive spare start failures before giving up until the next change. */
  maxSpareFailures: number;
  /**
   * A boot still running when a newer change arrives is loading outdated code: once overdue
   * (BootClock: 3x the last boot, at least this) it is ended rather than waited for, since it is
   * most likely hung. Before that, finishing and restarting once is cheaper than throwing away
   * a warm child.
   */
  stuckBootMs: number;
}

export const DEFAULT_TIMING: SupervisorTiming = Object.freeze({
  // Editors write a file in one go (or write a temporary file and rename it): every event of one
  // save arrives within a few milliseconds. Each of these milliseconds is reload latency.
  debounceMs: 10,
  burstDebounceMs: 50,
  maxWaitMs: 500,
  closeAckMs: 1000,
  drainMs: 6000,
  killMs: 2000,
  // Warm-up takes 0.2-1 s, several seconds on a machine under heavy load.
  warmUpBoundMs: 10_000,
  spareDelayMs: 150,
  maxSpareFailures: 3,
  stuckBootMs: 2000,
});
