/** Python's urllib.parse quoting as reverse() uses it, and Django's escape_leading_slashes(). */
import { pyStr } from '../http/pyrepr.js';

const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
/** What reverse() leaves unquoted: RFC 3986 sub-delims plus `/~:@` (Django's pchar). */
export const URL_SAFE = "!$&'()*+,;=" + '/~:@';

/** Python's quote(text, safe): UTF-8 percent-encoding of everything not safe. */
export function quote(text: string, safe: string): string {
  let out = '';
  for (const ch of text) out += ALWAYS_SAFE.includes(ch) || safe.includes(ch) ? ch : percentEncode(ch);
  return out;
}

function percentEncode(ch: string): string {
  // encodeURIComponent leaves these five alone; Python quotes them unless they are safe.
  if ("!'()*".includes(ch)) return `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
  return encodeURIComponent(ch);
}

/** Python's quote_plus(): nothing is safe, a space becomes `+`. */
function quotePlus(text: string): string {
  return quote(text, ' ').replaceAll(' ', '+');
}

export type QueryInput =
  | Readonly<Record<string, unknown>>
  | Iterable<readonly [string, unknown]>
  | { urlencode(): string };

/** Python's urlencode(query, doseq=True), or a QueryDict-like object's own urlencode(). */
export function urlencode(query: QueryInput): string {
  if (typeof (query as { urlencode?: unknown }).urlencode === 'function') return (query as { urlencode(): string }).urlencode();
  const pairs: Iterable<readonly [string, unknown]> =
    Symbol.iterator in query ? (query as Iterable<readonly [string, unknown]>) : Object.entries(query);
  const parts: string[] = [];
  for (const [key, value] of pairs) {
    const name = quotePlus(pyStr(key));
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) parts.push(`${name}=${quotePlus(pyStr(item))}`);
  }
  return parts.join('&');
}

/** Django's escape_leading_slashes(): `//host` would be read as a scheme-relative URL. */
export function escapeLeadingSlashes(url: string): string {
  return url.startsWith('//') ? `/%2F${url.slice(2)}` : url;
}
