/**
 * How a server gets its socket: bound here (`--noreload`), or a listening handle handed over by
 * the reloader's supervisor (which keeps the port across restarts).
 */
import { lookup } from 'node:dns/promises';
import { isIP, type AddressInfo, type ListenOptions, type Server } from 'node:net';
import type { BindAddress } from './address.js';

/**
 * Starts `server` listening; rejects with the system error when it can't. Any net.Server: the
 * dev server, or the bare socket a supervisor binds once and hands to each child.
 */
export type ListenFn = (server: Server) => Promise<void>;

/** A handle node can listen on: a listening net.Server (sent over IPC) or a file descriptor. */
export type ListenHandle = Parameters<Server['listen']>[0] & object;

/** Binds `address` itself. Host names resolve as IPv4, or IPv6 with `-6` (as Django binds). */
export function bindTo(address: BindAddress): ListenFn {
  return async (server) => {
    const host = isIP(address.host) ? address.host : (await lookup(address.host, { family: address.ipv6 ? 6 : 4 })).address;
    await listen(server, { host, port: address.port });
  };
}

/** Listens on a socket someone else bound. */
export function listenOn(handle: ListenHandle): ListenFn {
  return (server) => listen(server, handle);
}

function listen(server: Server, target: ListenOptions | ListenHandle): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(target, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** The port the server actually listens on (port 0 resolved). */
export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
