/**
 * HttpRequest: what views receive. Built from node's IncomingMessage plus a narrow config slice;
 * GET/POST/COOKIES are parsed lazily so a malformed part fails only the code that reads it (400).
 */
import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { parseContentType } from './body.js';
import { parseCookies } from './cookies.js';
import { BadRequest, DisallowedHost } from './errors.js';
import { RequestHeaders } from './headers.js';
import { disallowedHostMessage, splitDomainPort, type HostValidator } from './host.js';
import { parseMultipart, type UploadedFile } from './multipart.js';
import { decodePath, splitTarget } from './path.js';
import { QueryDict } from './query-dict.js';

/** The settings a request needs, resolved once by the app (not the whole Settings object). */
export interface RequestConfig {
  /** ALLOWED_HOSTS (after the DEBUG defaults were applied) checked against a raw Host. */
  readonly hosts: HostValidator;
  readonly useXForwardedHost: boolean;
  readonly secureProxySslHeader: readonly [string, string] | null;
  readonly maxNumberFields: number | null;
  readonly fileMemoryThreshold: number;
  /** Host used when the request has no Host header (runserver's bound name and port). */
  readonly serverName: string;
  readonly serverPort: number;
}

/** Names matched by Django's resolver; set on the request once URL resolution succeeded. */
export interface RequestResolverMatch {
  /** The view that was matched. */
  readonly func: unknown;
  readonly args?: readonly unknown[];
  readonly kwargs: Readonly<Record<string, unknown>>;
  readonly urlName?: string | null | undefined;
  readonly route?: string;
  readonly viewName?: string;
  /** How the debug pages name the view (Django's `_func_path`). */
  readonly funcPath?: string;
  readonly appName?: string;
  readonly namespace?: string;
  readonly namespaces?: readonly string[];
  /** The pattern chains tried up to the match (the debug 404 lists them). */
  readonly tried?: unknown;
}

/** Shared by every bodiless request (Buffers of length 0 hold nothing to mutate). */
const EMPTY_BODY = Buffer.alloc(0);

export class HttpRequest {
  readonly raw: IncomingMessage;
  readonly method: string;
  /** The decoded path, always starting with `/` (Django's request.path). */
  readonly path: string;
  /** Same as `path` (no SCRIPT_NAME under runserver). */
  readonly pathInfo: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  readonly queryString: string;
  readonly headers: RequestHeaders;
  /** The body, read before the view ran (empty for bodiless requests). */
  body: Buffer = EMPTY_BODY;
  resolverMatch: RequestResolverMatch | null = null;
  readonly #config: RequestConfig;
  #state: Record<string, unknown> | undefined;
  #get: QueryDict | undefined;
  #cookies: Record<string, string> | undefined;
  #form: { post: QueryDict; files: UploadedFile[] } | undefined;

  constructor(raw: IncomingMessage, config: RequestConfig) {
    this.raw = raw;
    this.#config = config;
    this.method = (raw.method ?? 'GET').toUpperCase();
    const { rawPath, query } = splitTarget(raw.url ?? '/');
    this.rawPath = rawPath;
    this.queryString = query;
    this.path = decodePath(rawPath);
    this.pathInfo = this.path;
    this.headers = new RequestHeaders(dropUnderscoreHeaders(raw));
  }

  /** Per-request scratch space for middleware (Django attaches attributes to the request). */
  get state(): Record<string, unknown> {
    return (this.#state ??= {});
  }

  get GET(): QueryDict {
    return (this.#get ??= QueryDict.parse(this.queryString, { maxFields: this.#config.maxNumberFields }));
  }

  /** Form fields of urlencoded and multipart bodies; empty for other content types. */
  get POST(): QueryDict {
    return this.#parseForm().post;
  }

  /** Uploaded files by field name. */
  get FILES(): Map<string, UploadedFile[]> {
    const files = new Map<string, UploadedFile[]>();
    for (const file of this.#parseForm().files) files.set(file.field, [...(files.get(file.field) ?? []), file]);
    return files;
  }

  get COOKIES(): Record<string, string> {
    return (this.#cookies ??= parseCookies(this.headers.get('cookie')));
  }

  get contentType(): string {
    return parseContentType(this.headers.get('content-type')).type;
  }

  /** The body parsed as JSON; malformed JSON is a 400. */
  json<T = unknown>(): T {
    try {
      return JSON.parse(this.body.toString('utf8')) as T;
    } catch (error) {
      throw new BadRequest(`Malformed JSON in request body: ${(error as Error).message}`);
    }
  }

  /** Django-style META: REQUEST_METHOD, PATH_INFO, QUERY_STRING, REMOTE_ADDR, SERVER_*, HTTP_*. */
  get META(): Record<string, string> {
    const meta: Record<string, string> = {
      REQUEST_METHOD: this.method,
      PATH_INFO: this.path,
      QUERY_STRING: this.queryString,
      REMOTE_ADDR: this.raw.socket?.remoteAddress ?? '',
      SERVER_NAME: this.#config.serverName,
      SERVER_PORT: String(this.#config.serverPort),
      SERVER_PROTOCOL: `HTTP/${this.raw.httpVersion}`,
      'wsgi.url_scheme': this.scheme,
    };
    for (const [name, value] of this.headers) {
      const key = name.toUpperCase().replace(/-/g, '_');
      meta[key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH' ? key : `HTTP_${key}`] = value;
    }
    return meta;
  }

  get scheme(): 'http' | 'https' {
    const proxy = this.#config.secureProxySslHeader;
    if (proxy) {
      const value = this.headers.get(proxy[0].replace(/^HTTP_/, '').replace(/_/g, '-'));
      if (value !== undefined) return value.split(',')[0]!.trim() === proxy[1] ? 'https' : 'http';
    }
    return this.raw.socket instanceof TLSSocket ? 'https' : 'http';
  }

  isSecure(): boolean {
    return this.scheme === 'https';
  }

  /** The host before validation (X-Forwarded-Host when enabled, else Host, else the server's). */
  getRawHost(): string {
    const forwarded = this.#config.useXForwardedHost ? this.headers.get('x-forwarded-host') : undefined;
    const host = forwarded ?? this.headers.get('host');
    if (host !== undefined) return host;
    const { serverName, serverPort } = this.#config;
    const defaultPort = this.isSecure() ? 443 : 80;
    return serverPort === defaultPort ? serverName : `${serverName}:${serverPort}`;
  }

  /** The validated host; DisallowedHost (400) when it is not in ALLOWED_HOSTS. */
  getHost(): string {
    const host = this.getRawHost();
    if (this.#config.hosts.allows(host)) return host;
    throw new DisallowedHost(disallowedHostMessage(host));
  }

  getPort(): string {
    return splitDomainPort(this.getRawHost())[1] || String(this.#config.serverPort);
  }

  /** `path?query` as requested (still encoded), as Django's get_full_path(). */
  getFullPath(forceAppendSlash = false): string {
    const path = forceAppendSlash && !this.rawPath.endsWith('/') ? `${this.rawPath}/` : this.rawPath;
    return this.queryString ? `${path}?${this.queryString}` : path;
  }

  /** An absolute URI for `location` (default: this request's full path). */
  buildAbsoluteUri(location?: string): string {
    const base = `${this.scheme}://${this.getHost()}`;
    if (location === undefined) return base + this.getFullPath();
    return new URL(location, base + this.rawPath).href;
  }

  #parseForm(): { post: QueryDict; files: UploadedFile[] } {
    if (this.#form) return this.#form;
    const { type, params } = parseContentType(this.headers.get('content-type'));
    const maxFields = this.#config.maxNumberFields;
    if (type === 'application/x-www-form-urlencoded') {
      this.#form = { post: QueryDict.parse(this.body.toString('utf8'), { maxFields }), files: [] };
    } else if (type === 'multipart/form-data') {
      const { fields, files } = parseMultipart(this.body, params.boundary, this.#config.fileMemoryThreshold);
      this.#form = { post: new QueryDict(fields), files };
    } else {
      this.#form = { post: new QueryDict(), files: [] };
    }
    return this.#form;
  }
}

/** Django's runserver drops header names containing `_` so they can't spoof `HTTP_X_AUTH_USER`. */
function dropUnderscoreHeaders(raw: IncomingMessage): IncomingMessage['headers'] {
  // rawHeaders is already there: scanning it allocates nothing (this runs on every request).
  const names = raw.rawHeaders;
  let found = false;
  for (let i = 0; i < names.length && !found; i += 2) found = names[i]!.includes('_');
  if (!found) return raw.headers;
  return Object.fromEntries(Object.entries(raw.headers).filter(([name]) => !name.includes('_')));
}
