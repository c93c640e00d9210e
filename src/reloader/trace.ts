/**
 * Phase timings for the reloader and runserver's startup, printed to stderr when
 * MANAGE_TRACE_RELOAD is set (docs/performance.md). Lines carry wall-clock milliseconds so the
 * supervisor's and the children's lines can be merged and compared:
 *     [trace 12345.6 supervisor 4242] boot sent (generation 2)
 */
import { performance } from 'node:perf_hooks';
import { TRACE_ENV } from '../conf/env.js';

export type Trace = (phase: string) => void;

const off: Trace = () => undefined;

/** A tracer for this process (`role` names it in the lines), or a no-op when tracing is off. */
export function createTrace(env: NodeJS.ProcessEnv, role: string, stderr: { write(text: string): void } = process.stderr): Trace {
  if (!env[TRACE_ENV]) return off;
  return (phase) => {
    const now = (performance.timeOrigin + performance.now()) % 100_000;
    stderr.write(`[trace ${now.toFixed(1)} ${role} ${process.pid}] ${phase}\n`);
  };
}
