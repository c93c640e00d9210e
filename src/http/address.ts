/**
 * runserver's `addrport` argument, parsed exactly as Django's "naiveip" grammar. Pure: it runs
 * before settings or user code are loaded, so a typo fails fast with Django's message.
 */
import { CommandError, ERROR_CODES } from '../errors.js';

export const DEFAULT_ADDR = '127.0.0.1';
export const DEFAULT_ADDR_IPV6 = '::1';
export const DEFAULT_PORT = 8000;

/** ipv4 | [ipv6] | fqdn, then `:`, all optional; then the port (ASCII digits). */
const ADDRPORT = /^(?:(?:(\d{1,3}(?:\.\d{1,3}){3})|\[([a-fA-F0-9:]+)\]|([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)):)?(\d+)$/;

export interface BindAddress {
  /** What to bind: an IP literal or a host name to resolve (`0` is already `0.0.0.0`). */
  readonly host: string;
  /** The requested port; 0 lets the OS choose (the banner shows the real one). */
  readonly port: number;
  /** Resolve host names to IPv6 addresses (`-6` or a bracketed address). */
  readonly ipv6: boolean;
  /** The address as the banner shows it: `[::1]` in brackets, `0.0.0.0` for `0`. */
  readonly display: string;
}

const invalid = (message: string) => new CommandError(message, { code: ERROR_CODES.ADDRPORT });

/** Parses `[addr:]port` (empty: 127.0.0.1:8000, or [::1]:8000 with `ipv6`). */
export function parseAddrPort(addrport: string, options: { ipv6?: boolean } = {}): BindAddress {
  const ipv6 = options.ipv6 ?? false;
  if (addrport === '') return bindAddress(ipv6 ? DEFAULT_ADDR_IPV6 : DEFAULT_ADDR, DEFAULT_PORT, ipv6, ipv6);
  const match = ADDRPORT.exec(addrport);
  if (!match) throw invalid(`"${addrport}" is not a valid port number or address:port pair.`);
  const [, ipv4, bracketed, fqdn, digits] = match;
  const port = Number(digits);
  // Django lets bind() crash with OverflowError here; a sentence is kinder.
  if (port > 65535) throw invalid(`"${digits}" is not a valid port number: it must be between 0 and 65535.`);
  if (bracketed !== undefined) return bindAddress(bracketed, port, true, true);
  if (ipv4 !== undefined && ipv6) throw invalid(`"${ipv4}" is not a valid IPv6 address.`);
  const addr = ipv4 ?? fqdn;
  if (addr === undefined) return bindAddress(ipv6 ? DEFAULT_ADDR_IPV6 : DEFAULT_ADDR, port, ipv6, ipv6);
  if (addr === '0') return { host: '0.0.0.0', port, ipv6, display: '0.0.0.0' };
  // With -6, a host name is resolved to an IPv6 address but shown as typed.
  return bindAddress(addr, port, ipv6, false);
}

function bindAddress(host: string, port: number, ipv6: boolean, rawIpv6: boolean): BindAddress {
  return { host, port, ipv6, display: rawIpv6 ? `[${host}]` : host };
}

/** `http://<display>:<port>/`, as the banner prints it. */
export function serverUrl(display: string, port: number): string {
  return `http://${display}:${port}/`;
}

/** True when the address listens on every interface (the banner then lists reachable URLs). */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || (host.includes(':') && /^[0:]+$/.test(host));
}
