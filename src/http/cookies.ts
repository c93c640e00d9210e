/** Parsing the Cookie header and serializing Set-Cookie values (RFC 6265). */

export type SameSite = 'Lax' | 'Strict' | 'None' | false;

export interface CookieOptions {
  maxAge?: number | undefined;
  expires?: Date | string | undefined;
  path?: string;
  domain?: string | null | undefined;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: SameSite | undefined;
}

/** `a=1; b=2` → {a: '1', b: '2'}; the first occurrence wins, undecodable values are kept raw. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const cut = part.indexOf('=');
    const name = (cut === -1 ? '' : part.slice(0, cut)).trim();
    if (!name || name in cookies) continue;
    let value = part.slice(cut + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) throw new TypeError(`Invalid cookie name: ${JSON.stringify(name)}`);
  const parts = [`${name}=${encodeURIComponent(value)}`];
  if (options.maxAge !== undefined) {
    parts.push(`Max-Age=${Math.floor(options.maxAge)}`);
    if (options.expires === undefined) parts.push(`Expires=${new Date(Date.now() + options.maxAge * 1000).toUTCString()}`);
  }
  if (options.expires !== undefined) {
    parts.push(`Expires=${typeof options.expires === 'string' ? options.expires : options.expires.toUTCString()}`);
  }
  if (options.domain) parts.push(`Domain=${options.domain}`);
  parts.push(`Path=${options.path ?? '/'}`);
  if (options.secure) parts.push('Secure');
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.sameSite) parts.push(`SameSite=${options.sameSite}`);
  return parts.join('; ');
}
