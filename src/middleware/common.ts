/**
 * Django's CommonMiddleware: refuses DISALLOWED_USER_AGENTS, validates the Host on every request
 * (getHost() raises DisallowedHost → 400), PREPEND_WWW and APPEND_SLASH redirects (301, query
 * kept, a leading `//` escaped so the Location can't turn protocol-relative), and Content-Length.
 */
import { PermissionDenied } from '../http/errors.js';
import type { HttpRequest } from '../http/request.js';
import { HttpResponse, HttpResponsePermanentRedirect } from '../http/response.js';
import { MiddlewareMixin } from './mixin.js';
import type { GetResponse, MiddlewareContext } from './types.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `//evil.com/x` → `/%2Fevil.com/x` (Django's escape_leading_slashes). */
export function escapeLeadingSlashes(url: string): string {
  return url.startsWith('//') ? `/%2F${url.slice(2)}` : url;
}

export class CommonMiddleware extends MiddlewareMixin {
  readonly #userAgents: readonly RegExp[];
  readonly #prependWww: boolean;
  readonly #appendSlash: boolean;
  readonly #debug: boolean;

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    super(getResponse, context);
    const s = context.settings;
    this.#userAgents = s.DISALLOWED_USER_AGENTS;
    this.#prependWww = s.PREPEND_WWW;
    this.#appendSlash = s.APPEND_SLASH;
    this.#debug = s.DEBUG;
  }

  override processRequest(request: HttpRequest): HttpResponse | undefined {
    if (this.#userAgents.length > 0) {
      const agent = request.headers.get('user-agent');
      if (agent !== undefined && this.#userAgents.some((pattern) => pattern.test(agent))) {
        throw new PermissionDenied('Forbidden user agent');
      }
    }
    const host = request.getHost();
    if (this.#prependWww && host && !host.startsWith('www.')) {
      const path = this.shouldRedirectWithSlash(request) ? this.fullPathWithSlash(request) : request.getFullPath();
      return new HttpResponsePermanentRedirect(`${request.scheme}://www.${host}${path}`);
    }
    return undefined;
  }

  override processResponse(request: HttpRequest, response: HttpResponse): HttpResponse {
    if (response.status === 404 && this.shouldRedirectWithSlash(request)) {
      return new HttpResponsePermanentRedirect(this.fullPathWithSlash(request));
    }
    if (!response.streaming && !response.headers.has('Content-Length')) {
      response.headers.set('Content-Length', response.contentLength);
    }
    return response;
  }

  /** APPEND_SLASH applies: the path misses, path + '/' resolves, and that view allows it. */
  shouldRedirectWithSlash(request: HttpRequest): boolean {
    if (!this.#appendSlash || request.pathInfo.endsWith('/')) return false;
    const { resolvePath } = this.context;
    if (resolvePath(request.pathInfo)) return false;
    const match = resolvePath(`${request.pathInfo}/`);
    return match !== null && match.view.shouldAppendSlash !== false;
  }

  /** The full path with a slash appended; in DEBUG a body-carrying method is an error instead. */
  fullPathWithSlash(request: HttpRequest): string {
    const path = escapeLeadingSlashes(request.getFullPath(true));
    if (this.#debug && BODY_METHODS.has(request.method)) {
      const error = new Error(
        `You called this URL via ${request.method}, but the URL doesn't end in a slash and you have APPEND_SLASH set. ` +
          `managets can't redirect to the slash URL while maintaining ${request.method} data. Change your form to point to ` +
          `${request.getHost()}${path} (note the trailing slash), or set APPEND_SLASH=False in your settings.`,
      );
      error.name = 'RuntimeError';
      throw error;
    }
    return path;
  }
}
