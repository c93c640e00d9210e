/**
 * The supervisor's listening socket: bound once, never accepted on by the supervisor. It is
 * created the way node:cluster's shared-handle mode does (bind, no listen, so the supervisor's
 * event loop never polls it); each child calls listen(2) on its copy. The socket stays in LISTEN
 * state while the supervisor holds it, so between two children connections wait in the kernel
 * backlog instead of being refused.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { getSystemErrorMap } from 'node:util';

/** The raw libuv TCP handle node passes between processes (`child.send(message, handle)`). */
export interface TcpHandle {
  getsockname(out: { address?: string; port?: number; family?: string }): number;
  close(callback?: () => void): void;
}

interface NetInternals {
  _createServerHandle(address: string, port: number, addressType: 4 | 6): TcpHandle | number;
}

/** An error shaped like the one net.Server emits on `listen`, so callers map `code` to a message. */
export class BindError extends Error {
  readonly code: string;
  readonly errno: number;
  readonly syscall = 'listen';

  constructor(errno: number, host: string, port: number) {
    const [code, description] = getSystemErrorMap().get(errno) ?? [`E${-errno}`, 'unknown error'];
    super(`listen ${code}: ${description} ${host}:${port}`);
    this.name = 'BindError';
    this.code = code;
    this.errno = errno;
  }
}

export interface SharedSocket {
  readonly handle: TcpHandle;
  readonly address: string;
  readonly port: number;
  readonly family: 'IPv4' | 'IPv6';
  close(): void;
}

/**
 * Resolves `host` (IPv4 unless `ipv6`, as Django's runserver) and binds `port` on it. Throws a
 * BindError (EADDRINUSE, EACCES, EADDRNOTAVAIL...) or the DNS error for an unknown host.
 */
export async function bindSharedSocket(host: string, port: number, options: { ipv6?: boolean } = {}): Promise<SharedSocket> {
  const family = options.ipv6 ? 6 : 4;
  const { address } = await lookup(host, { family });
  const created = (net as unknown as NetInternals)._createServerHandle(address, port, family);
  if (typeof created === 'number') throw new BindError(created, address, port);
  const bound: { address?: string; port?: number; family?: string } = {};
  // libuv defers EADDRINUSE from bind() to listen(); getsockname reports it without listening.
  const error = created.getsockname(bound);
  if (error !== 0) {
    created.close();
    throw new BindError(error, address, port);
  }
  let closed = false;
  return {
    handle: created,
    address: bound.address ?? address,
    port: bound.port ?? port,
    family: bound.family === 'IPv6' ? 'IPv6' : 'IPv4',
    close() {
      if (!closed) created.close();
      closed = true;
    },
  };
}
