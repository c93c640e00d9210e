/**
 * What to send for a file, decided from the request headers and the file's size and mtime alone
 * (no I/O): validators, 304 for If-None-Match / If-Modified-Since, a single byte range (206 / 416,
 * several ranges fall back to the whole file), and the preferred pre-compressed encoding.
 * Shared by the node-level static handler and the media `serve` view.
 */
import { formatHttpDate, parseHttpDate } from './http-date.js';

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

/** Request headers with lower-case names, as node's `IncomingMessage.headers`. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export type FileNegotiation =
  /** Send bytes `start..end` (inclusive; `end` is -1 for an empty file). */
  | { status: 200 | 206; headers: Record<string, string>; start: number; end: number }
  | { status: 304; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string> };

/** A weak validator from size and mtime: cheap, and right for files that change in place. */
export function weakEtag(stat: FileStat, encoding?: string): string {
  const suffix = encoding ? `-${encoding}` : '';
  return `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${suffix}"`;
}

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : (value as string | undefined);
}

/** The validators plus the 200 / 206 / 304 / 416 decision for a GET or HEAD of this file. */
export function negotiateFile(method: string, headers: HeaderBag, stat: FileStat, encoding?: string): FileNegotiation {
  const validators = { ETag: weakEtag(stat, encoding), 'Last-Modified': formatHttpDate(stat.mtimeMs) };
  const whole = { status: 200 as const, start: 0, end: stat.size - 1 };
  const base = { ...validators, 'Accept-Ranges': 'bytes' };
  if (method !== 'GET' && method !== 'HEAD') return { ...whole, headers: { ...base, 'Content-Length': String(stat.size) } };
  if (isNotModified(headers, validators.ETag, stat.mtimeMs)) return { status: 304, headers: validators };
  const range = header(headers, 'range');
  if (range !== undefined && ifRangeHolds(header(headers, 'if-range'), stat.mtimeMs)) {
    const parsed = parseRange(range, stat.size);
    if (parsed === 'unsatisfiable') return { status: 416, headers: { ...base, 'Content-Range': `bytes */${stat.size}` } };
    if (parsed) {
      const [start, end] = parsed;
      const headers206 = { ...base, 'Content-Range': `bytes ${start}-${end}/${stat.size}`, 'Content-Length': String(end - start + 1) };
      return { status: 206, headers: headers206, start, end };
    }
  }
  return { ...whole, headers: { ...base, 'Content-Length': String(stat.size) } };
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); ETags compare weakly. */
function isNotModified(headers: HeaderBag, etag: string, mtimeMs: number): boolean {
  const ifNoneMatch = header(headers, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
  }
  const ifModifiedSince = header(headers, 'if-modified-since');
  const since = ifModifiedSince === undefined ? undefined : parseHttpDate(ifModifiedSince);
  // Compare whole seconds: Last-Modified cannot carry the fraction (Django truncates too).
  return since !== undefined && Math.floor(mtimeMs / 1000) * 1000 <= since;
}

/** If-Range needs a strong validator: our weak ETag never matches, an exact Last-Modified does. */
function ifRangeHolds(ifRange: string | undefined, mtimeMs: number): boolean {
  if (ifRange === undefined) return true;
  const date = parseHttpDate(ifRange);
  return date !== undefined && date === Math.floor(mtimeMs / 1000) * 1000;
}

/**
 * One `bytes=` range as [start, end], 'unsatisfiable', or undefined when the header is to be
 * ignored (syntax errors, other units, several ranges) and the whole file sent.
 */
export function parseRange(value: string, size: number): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(.*)$/i.exec(value.trim());
  if (!match) return undefined;
  const specs = match[1]!.split(',').filter((spec) => spec.trim() !== '');
  if (specs.length !== 1) return undefined;
  const bounds = /^(\d*)-(\d*)$/.exec(specs[0]!.trim());
  if (!bounds || (bounds[1] === '' && bounds[2] === '')) return undefined;
  if (bounds[1] === '') {
    const suffix = Number(bounds[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(bounds[1]);
  const last = bounds[2] === '' ? Infinity : Number(bounds[2]);
  if (last < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return [start, Math.min(last, size - 1)];
}

/**
 * The first of `available` (server preference order) the client accepts with q > 0. A `*` entry
 * covers codings not listed by name; `identity` is never chosen here (it is the plain file).
 */
export function preferredEncoding(headers: HeaderBag, available: readonly string[]): string | undefined {
  const value = header(headers, 'accept-encoding');
  if (!value) return undefined;
  const weights = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.toLowerCase().split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    // A malformed weight counts as 0: never send a coding the client may not understand.
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = (coding: string) => weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0;
  let best: string | undefined;
  for (const coding of available) if (weight(coding) > 0 && (best === undefined || weight(coding) > weight(best))) best = coding;
  return best;
}
