/**
 * HTTP probing for server tests: one request on a fresh connection (so a refused or reset
 * connection shows as an error), polling until a body matches, a background request loop that
 * counts failures, the process tree of a pid (to check nothing is left behind), and waiting
 * for a condition.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';

export interface Probe {
  status?: number;
  body?: string;
  headers?: http.IncomingHttpHeaders;
  error?: string;
}

export function probe(url: string, timeoutMs = 5000): Promise<Probe> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

/** Polls `url` until `accept` says yes; rejects after `timeoutMs` with the last answer. */
export async function waitForResponse(url: string, accept: (p: Probe) => boolean, timeoutMs = 15_000): Promise<Probe> {
  const started = Date.now();
  let last: Probe = {};
  while (Date.now() - started < timeoutMs) {
    last = await probe(url);
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no matching response from ${url} within ${timeoutMs} ms; last: ${JSON.stringify(last).slice(0, 500)}`);
}

/** `concurrency` loops of back-to-back requests until `stop()`; every failure is kept. */
export class RequestLoop {
  readonly failures: Probe[] = [];
  readonly bodies = new Set<string>();
  ok = 0;
  #running = true;
  readonly #loops: Promise<void>[];

  constructor(url: string, concurrency = 3) {
    this.#loops = Array.from({ length: concurrency }, async () => {
      while (this.#running) {
        const result = await probe(url);
        if (result.error || result.status !== 200) this.failures.push(result);
        else {
          this.ok += 1;
          this.bodies.add(result.body!);
        }
      }
    });
  }

  async stop(): Promise<this> {
    this.#running = false;
    await Promise.all(this.#loops);
    return this;
  }
}

/** Every live descendant of `pid` (children of children...), from /proc. */
export function descendantPids(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Exited while we looked.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** Polls `condition` every 20 ms; rejects after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
