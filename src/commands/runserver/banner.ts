/**
 * What runserver prints once the socket is bound (Django's on_bind): the date, the version and
 * settings, the address, how to quit and the production warning. Pure, for the tests.
 */
import { platform, type NetworkInterfaceInfo } from 'node:os';
import { isWildcard, serverUrl } from '../../http/address.js';

export interface BannerInfo {
  now: Date;
  version: string;
  settingsModule: string;
  /** The address as the user wrote it (`display` of the parsed addrport). */
  display: string;
  /** The host that was bound (decides whether reachable URLs are listed). */
  host: string;
  /** The port actually bound. */
  port: number;
  /** os.networkInterfaces(), for the URLs of a server bound to every interface. */
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
  hideWarning: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `November 29, 2026 - 18:55:38` (strftime `%B %d, %Y - %X`, local time). */
export function formatStartDate(date: Date): string {
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${MONTHS[date.getMonth()]} ${pad(date.getDate())}, ${date.getFullYear()} - ${time}`;
}

export const PRODUCTION_WARNING =
  'WARNING: This is a development server. Do not use it in a production setting. ' +
  'Serve createApp() from your own node:http server or a process manager instead.\n' +
  'For more information on production servers see the "Going to production" section of the managets README.';

/**
 * The URLs a server bound to 0.0.0.0 or :: answers on: loopback first, then every external
 * interface address (IPv6 ones only when bound to ::, link-local ones never: they need a zone).
 */
export function reachableUrls(host: string, port: number, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  if (!isWildcard(host)) return [];
  const ipv6 = host.includes(':');
  const local = [serverUrl('127.0.0.1', port), ...(ipv6 ? [serverUrl('[::1]', port)] : [])];
  const network: string[] = [];
  for (const addresses of Object.values(interfaces)) {
    for (const info of addresses ?? []) {
      if (info.internal) continue;
      if (info.family === 'IPv4') network.push(serverUrl(info.address, port));
      else if (ipv6 && !info.scopeid) network.push(serverUrl(`[${info.address}]`, port));
    }
  }
  return [...local.map((url) => `  Local:   ${url}`), ...network.map((url) => `  Network: ${url}`)];
}

export function formatBanner(info: BannerInfo, style: { warning(text: string): string }): string {
  const lines = [
    formatStartDate(info.now),
    `managets version ${info.version}, using settings '${info.settingsModule}'`,
    `Starting development server at ${serverUrl(info.display, info.port)}`,
    ...reachableUrls(info.host, info.port, info.interfaces),
    `Quit the server with ${platform() === 'win32' ? 'CTRL-BREAK' : 'CONTROL-C'}.`,
    '',
  ];
  if (!info.hideWarning) lines.push(style.warning(PRODUCTION_WARNING));
  return `${lines.join('\n')}\n`;
}
