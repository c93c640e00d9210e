/**
 * Graceful stop of a child's server: no new connections, in-flight requests finish (their
 * responses carry `Connection: close`), idle keep-alive sockets close, and whatever is still
 * open after `graceMs` is cut.
 */
import type { Server, ServerResponse } from 'node:http';

/** Responses in progress, so a drain can ask them to close their connection. */
export class InFlight {
  readonly #responses = new Set<ServerResponse>();
  #closing = false;

  track(res: ServerResponse): void {
    if (this.#closing && !res.headersSent) res.setHeader('Connection', 'close');
    this.#responses.add(res);
    res.once('close', () => this.#responses.delete(res));
  }

  /** From now on every response ends its connection. */
  closeConnections(): void {
    this.#closing = true;
    for (const res of this.#responses) if (!res.headersSent) res.setHeader('Connection', 'close');
  }
}

const IDLE_SWEEP_MS = 25;

/** Stops accepting now (synchronously) and resolves once every connection is gone or cut. */
export function drainServer(server: Server, inFlight: InFlight, graceMs: number): Promise<void> {
  inFlight.closeConnections();
  return new Promise((resolve) => {
    // A keep-alive socket becomes idle only after its response: sweep until none is left.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
