/** Process facts from /proc (Linux): resident memory and open descriptors (descendants: http-probe.ts). */
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS in KiB, or NaN when the process (or /proc) is gone. */
export function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Number of open file descriptors, or NaN. */
export function fdCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

/** True where /proc is readable (the memory and descriptor checks are skipped elsewhere). */
export const HAS_PROC = (() => {
  try {
    readFileSync('/proc/self/status');
    return true;
  } catch {
    return false;
  }
})();
