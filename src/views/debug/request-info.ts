/**
 * The "Request information" and "Settings" data of the technical 500 page, as (name, repr) rows,
 * with Django's SafeExceptionReporterFilter masking: secret-looking keys of settings, META and
 * cookies (and the session cookie) show `********************`.
 */
import { inspect } from 'node:util';
import { isSecretName, maskSecrets, MASK } from '../../conf/mask.js';
import type { Settings } from '../../conf/settings.js';
import type { HttpRequest } from '../../http/request.js';

export type Rows = Array<readonly [string, string]>;

export interface RequestInfo {
  GET: Rows;
  POST: Rows;
  FILES: Rows;
  COOKIES: Rows;
  META: Rows;
}

/** Python-like repr: quoted strings, long values cut as Django trims them. */
export function repr(value: unknown): string {
  return inspect(value, { depth: 4, breakLength: 100, maxStringLength: 4096, maxArrayLength: 100, sorted: false });
}

export function requestInfo(request: HttpRequest, sessionCookieName: string): RequestInfo {
  return {
    GET: attempt(() => multiValueRows(request.GET.entries())),
    POST: attempt(() => multiValueRows(request.POST.entries())),
    FILES: attempt(() =>
      [...request.FILES].map(([field, files]) => [field, repr(files.map((f) => `<UploadedFile: ${f.name} (${f.contentType})>`))] as const),
    ),
    COOKIES: Object.entries(request.COOKIES).map(
      ([name, value]) => [name, name === sessionCookieName || isSecretName(name) ? repr(MASK) : repr(value)] as const,
    ),
    META: Object.entries(request.META)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, repr(isSecretName(key) ? MASK : value)] as const),
  };
}

/** Every setting but our bookkeeping, sorted, secrets masked at any depth. */
export function settingsRows(settings: Settings): Rows {
  return Object.keys(settings)
    .filter((key) => key !== 'EXPLICIT')
    .sort()
    .map((key) => [key, repr(maskSecrets(settings[key], key))] as const);
}

/** A QueryDict's pairs grouped by key: one value shows as a string, several as a list. */
function multiValueRows(entries: Array<[string, string]>): Rows {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of entries) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  return [...grouped].map(([key, values]) => [key, repr(values.length === 1 ? values[0] : values)] as const);
}

/** Request data that fails to parse (the very error being reported, often) is shown as such. */
function attempt(read: () => Rows): Rows {
  try {
    return read();
  } catch (error) {
    return [['(unreadable)', error instanceof Error ? error.message : String(error)]];
  }
}
