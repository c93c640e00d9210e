/**
 * Responses views return: HttpResponse and Django's family (JsonResponse, redirects, status
 * shortcuts). Streaming and file responses live in streaming.ts.
 */
import { STATUS_CODES } from 'node:http';
import { serializeCookie, type CookieOptions } from './cookies.js';
import { Headers } from './headers.js';

export interface ResponseInit {
  status?: number;
  contentType?: string;
  headers?: Record<string, string | number>;
  /** A custom reason phrase (default: the standard one for the status). */
  reason?: string;
}

export class HttpResponse {
  status: number;
  reason: string | undefined;
  readonly headers: Headers;
  /** True for responses whose body is an async iterable (no Content-Length, no buffering). */
  readonly streaming: boolean = false;
  /** A string body stays a string until someone needs its bytes: most are written as they are. */
  #content: Buffer | string;
  /** Made on the first cookie: most responses set none. */
  #cookies: Map<string, string> | undefined;

  constructor(content: string | Buffer | Uint8Array = '', init: ResponseInit = {}) {
    this.status = init.status ?? 200;
    this.reason = init.reason;
    this.headers = new Headers(init.headers);
    this.headers.setDefault('Content-Type', init.contentType ?? 'text/html; charset=utf-8');
    this.#content = typeof content === 'string' ? content : toBuffer(content);
  }

  /** Set-Cookie values by cookie name (last set wins, as Django's SimpleCookie). */
  get cookies(): Map<string, string> {
    return (this.#cookies ??= new Map());
  }

  /** The Set-Cookie header values, without making a map for a response that sets none. */
  setCookieHeaders(): Iterable<string> {
    return this.#cookies?.values() ?? NO_COOKIES;
  }

  get content(): Buffer {
    if (typeof this.#content === 'string') this.#content = Buffer.from(this.#content, 'utf8');
    return this.#content;
  }

  set content(value: string | Buffer | Uint8Array) {
    this.#content = typeof value === 'string' ? value : toBuffer(value);
  }

  /** The body's length in bytes (Content-Length), without encoding a string body. */
  get contentLength(): number {
    return typeof this.#content === 'string' ? Buffer.byteLength(this.#content, 'utf8') : this.#content.length;
  }

  /** The body as written: the string it was given, or its bytes. */
  get body(): string | Buffer {
    return this.#content;
  }

  /** The body decoded as UTF-8. */
  get text(): string {
    return typeof this.#content === 'string' ? this.#content : this.#content.toString('utf8');
  }

  get reasonPhrase(): string {
    return this.reason ?? STATUS_CODES[this.status] ?? 'Unknown Status Code';
  }

  setCookie(name: string, value: string, options: CookieOptions = {}): void {
    this.cookies.set(name, serializeCookie(name, value, options));
  }

  /** Expires the cookie in the browser (same path/domain as when it was set). */
  deleteCookie(name: string, options: Pick<CookieOptions, 'path' | 'domain' | 'sameSite' | 'secure'> = {}): void {
    const secure = options.secure ?? (name.startsWith('__Secure-') || name.startsWith('__Host-') || options.sameSite === 'None');
    this.setCookie(name, '', { ...options, secure, maxAge: 0, expires: 'Thu, 01 Jan 1970 00:00:00 GMT' });
  }
}

const NO_COOKIES: readonly string[] = Object.freeze([]);

function toBuffer(content: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(content) ? content : Buffer.from(content);
}

/** JSON-serialised data with `application/json`. */
export class JsonResponse extends HttpResponse {
  constructor(data: unknown, init: ResponseInit & { space?: number } = {}) {
    super(JSON.stringify(data, null, init.space), { contentType: 'application/json', ...init });
  }
}

const SAFE_REDIRECT_SCHEMES = new Set(['http', 'https', 'ftp']);

/** 302 to `url`. URLs with a scheme other than http/https/ftp are refused, as in Django. */
export class HttpResponseRedirect extends HttpResponse {
  constructor(url: string, init: ResponseInit = {}) {
    super('', { status: 302, ...init });
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme && !SAFE_REDIRECT_SCHEMES.has(scheme)) {
      throw new TypeError(`Unsafe redirect to URL with protocol '${scheme}'`);
    }
    this.headers.set('Location', iriToUri(url));
  }

  get url(): string {
    return this.headers.get('Location')!;
  }
}

/**
 * Django's iri_to_uri: percent-encodes what may not appear in a URI (spaces, non-ASCII...) and
 * leaves existing escapes alone, so `/a%23/` stays `/a%23/`.
 */
export function iriToUri(iri: string): string {
  return iri.replace(/[^A-Za-z0-9\-._~/#%[\]=:;$&()+,!?*@']/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

export class HttpResponsePermanentRedirect extends HttpResponseRedirect {
  constructor(url: string, init: ResponseInit = {}) {
    super(url, { ...init, status: 301 });
  }
}

export class HttpResponseNotModified extends HttpResponse {
  constructor(init: ResponseInit = {}) {
    super('', { ...init, status: 304 });
    this.headers.delete('Content-Type');
  }
}

const statusResponse = (status: number) =>
  class extends HttpResponse {
    constructor(content: string | Buffer = '', init: ResponseInit = {}) {
      super(content, { ...init, status });
    }
  };

export class HttpResponseBadRequest extends statusResponse(400) {}
export class HttpResponseForbidden extends statusResponse(403) {}
export class HttpResponseNotFound extends statusResponse(404) {}
export class HttpResponseGone extends statusResponse(410) {}
export class HttpResponseServerError extends statusResponse(500) {}

/** 405 with the `Allow` header listing the permitted methods. */
export class HttpResponseNotAllowed extends HttpResponse {
  constructor(permittedMethods: readonly string[], content: string | Buffer = '', init: ResponseInit = {}) {
    super(content, { ...init, status: 405 });
    this.headers.set('Allow', permittedMethods.map((m) => m.toUpperCase()).join(', '));
  }
}
