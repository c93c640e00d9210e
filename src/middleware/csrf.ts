/**
 * Django's CsrfViewMiddleware (4.1+ semantics). Unsafe methods must carry the cookie's secret back
 * as the `csrfmiddlewaretoken` form field or the CSRF_HEADER_NAME header (masked or bare); the
 * Origin header, when sent, must match the host or CSRF_TRUSTED_ORIGINS; over HTTPS without an
 * Origin the Referer is checked instead. Failures answer with CSRF_FAILURE_VIEW (403) and log
 * `Forbidden (<reason>): <path>`.
 */
import { DisallowedHost } from '../http/errors.js';
import { isSameDomain } from '../http/host.js';
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import { patchVaryHeaders } from '../http/vary.js';
import { csrfFailureView, REASON_NO_CSRF_COOKIE, REASON_NO_REFERER } from './csrf-failure.js';
import type { View } from '../http/view.js';
import {
  CSRF_TOKEN_LENGTH,
  checkTokenFormat,
  csrfTokenGetter,
  InvalidTokenFormat,
  randomString,
  CSRF_SECRET_LENGTH,
  tokenMatches,
  unmaskToken,
} from './csrf-token.js';
import { MiddlewareMixin } from './mixin.js';
import type { GetResponse, MiddlewareContext } from './types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
export const REASON_BAD_ORIGIN = 'Origin checking failed - %s does not match any trusted origins.';
export const REASON_BAD_REFERER = 'Referer checking failed - %s does not match any trusted origins.';
export const REASON_CSRF_TOKEN_MISSING = 'CSRF token missing.';
export const REASON_MALFORMED_REFERER = 'Referer checking failed - Referer is malformed.';
export const REASON_INSECURE_REFERER = 'Referer checking failed - Referer is insecure while host is secure.';

class RejectRequest extends Error {}

type FailureView = (request: HttpRequest, kwargs: { reason: string }) => HttpResponse | Promise<HttpResponse>;

export class CsrfViewMiddleware extends MiddlewareMixin {
  readonly #cookieName: string;
  readonly #header: string;
  readonly #cookie;
  readonly #trustedExact: Set<string>;
  readonly #trustedSubdomains: Map<string, string[]>;
  readonly #trustedHosts: string[];
  #failureView: Promise<FailureView> | undefined;

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    super(getResponse, context);
    const s = context.settings;
    this.#cookieName = s.CSRF_COOKIE_NAME;
    // Django's setting is the META key (HTTP_X_CSRFTOKEN); a plain header name works too.
    this.#header = s.CSRF_HEADER_NAME.startsWith('HTTP_') ? s.CSRF_HEADER_NAME.slice(5).replace(/_/g, '-') : s.CSRF_HEADER_NAME;
    this.#cookie = {
      maxAge: s.CSRF_COOKIE_AGE ?? undefined,
      domain: s.CSRF_COOKIE_DOMAIN,
      path: s.CSRF_COOKIE_PATH,
      secure: s.CSRF_COOKIE_SECURE,
      httpOnly: s.CSRF_COOKIE_HTTPONLY,
      sameSite: s.CSRF_COOKIE_SAMESITE,
    };
    const origins = s.CSRF_TRUSTED_ORIGINS;
    this.#trustedExact = new Set(origins.filter((origin) => !origin.includes('*')));
    this.#trustedSubdomains = new Map();
    for (const origin of origins.filter((o) => o.includes('*'))) {
      const { scheme, netloc } = splitOrigin(origin);
      this.#trustedSubdomains.set(scheme, [...(this.#trustedSubdomains.get(scheme) ?? []), netloc.replace(/^\*/, '')]);
    }
    this.#trustedHosts = origins.map((origin) => splitOrigin(origin).netloc.replace(/^\*/, ''));
  }

  /** The secret from the cookie (unmasked if it was stored masked); InvalidTokenFormat if malformed. */
  #secret(request: HttpRequest): string | undefined {
    if (!request.headers.has('cookie')) return undefined;
    const cookie = request.COOKIES[this.#cookieName];
    if (cookie === undefined) return undefined;
    checkTokenFormat(cookie);
    return cookie.length === CSRF_TOKEN_LENGTH ? unmaskToken(cookie) : cookie;
  }

  override processRequest(request: HttpRequest): undefined {
    const csrf = (request.csrf ??= { secret: undefined, needsUpdate: false, processingDone: false });
    request.csrfToken = csrfTokenGetter;
    try {
      csrf.secret = this.#secret(request) ?? csrf.secret;
    } catch (error) {
      if (!(error instanceof InvalidTokenFormat)) throw error;
      csrf.secret = randomString(CSRF_SECRET_LENGTH);
      csrf.needsUpdate = true;
    }
    return undefined;
  }

  /** Synchronous when it accepts (the common case); a promise of the failure response when not. */
  processView(request: HttpRequest, view: View): Promise<HttpResponse> | undefined {
    const csrf = request.csrf;
    if (csrf?.processingDone || view.csrfExempt || SAFE_METHODS.has(request.method)) return this.#accept(request);
    try {
      const origin = request.headers.get('origin');
      if (origin !== undefined) {
        if (!this.#originVerified(request, origin)) throw new RejectRequest(REASON_BAD_ORIGIN.replace('%s', origin));
      } else if (request.isSecure()) {
        this.#checkReferer(request);
      }
      this.#checkToken(request);
    } catch (error) {
      if (error instanceof RejectRequest) return this.#reject(request, error.message);
      throw error;
    }
    return this.#accept(request);
  }

  override processResponse(request: HttpRequest, response: HttpResponse): HttpResponse {
    const csrf = request.csrf;
    if (csrf?.needsUpdate && csrf.secret) {
      response.setCookie(this.#cookieName, csrf.secret, this.#cookie);
      patchVaryHeaders(response, ['Cookie']);
      csrf.needsUpdate = false;
    }
    return response;
  }

  #accept(request: HttpRequest): undefined {
    if (request.csrf) request.csrf.processingDone = true;
    return undefined;
  }

  async #reject(request: HttpRequest, reason: string): Promise<HttpResponse> {
    const view = await (this.#failureView ??= this.#loadFailureView());
    const response = await view(request, { reason });
    this.context.log.response(`Forbidden (${reason})`, request.path, response);
    return response;
  }

  async #loadFailureView(): Promise<FailureView> {
    const setting = this.context.settings.CSRF_FAILURE_VIEW;
    if (!setting) return csrfFailureView(this.context.settings.DEBUG);
    return (typeof setting === 'string' ? await this.context.loader.importString(setting) : setting) as FailureView;
  }

  #originVerified(request: HttpRequest, origin: string): boolean {
    try {
      if (origin === `${request.scheme}://${request.getHost()}`) return true;
    } catch (error) {
      if (!(error instanceof DisallowedHost)) throw error;
    }
    if (this.#trustedExact.has(origin)) return true;
    const { scheme, netloc } = splitOrigin(origin);
    return (this.#trustedSubdomains.get(scheme) ?? []).some((host) => isSameDomain(netloc, host));
  }

  #checkReferer(request: HttpRequest): void {
    const header = request.headers.get('referer');
    if (header === undefined) throw new RejectRequest(REASON_NO_REFERER);
    let referer: URL;
    try {
      referer = new URL(header);
    } catch {
      throw new RejectRequest(REASON_MALFORMED_REFERER);
    }
    if (!referer.host) throw new RejectRequest(REASON_MALFORMED_REFERER);
    if (referer.protocol !== 'https:') throw new RejectRequest(REASON_INSECURE_REFERER);
    if (this.#trustedHosts.some((host) => isSameDomain(referer.host, host))) return;
    const bad = new RejectRequest(REASON_BAD_REFERER.replace('%s', header));
    let good = this.context.settings.CSRF_COOKIE_DOMAIN;
    if (!good) {
      try {
        good = request.getHost();
      } catch (error) {
        if (error instanceof DisallowedHost) throw bad;
        throw error;
      }
    } else {
      const port = request.getPort();
      if (port !== '443' && port !== '80') good = `${good}:${port}`;
    }
    if (!isSameDomain(referer.host, good)) throw bad;
  }

  #checkToken(request: HttpRequest): void {
    let secret: string | undefined;
    try {
      secret = this.#secret(request);
    } catch (error) {
      if (error instanceof InvalidTokenFormat) throw new RejectRequest(`CSRF cookie ${error.reason}.`);
      throw error;
    }
    if (secret === undefined) throw new RejectRequest(REASON_NO_CSRF_COOKIE);
    let token = request.method === 'POST' ? request.POST.get('csrfmiddlewaretoken', '') : '';
    let source = 'POST';
    if (token === '') {
      const header = request.headers.get(this.#header);
      if (header === undefined) throw new RejectRequest(REASON_CSRF_TOKEN_MISSING);
      token = header;
      source = `the '${this.#header}' HTTP header`;
    }
    try {
      checkTokenFormat(token);
    } catch (error) {
      if (error instanceof InvalidTokenFormat) throw new RejectRequest(`CSRF token from ${source} ${error.reason}.`);
      throw error;
    }
    if (!tokenMatches(token, secret)) throw new RejectRequest(`CSRF token from ${source} incorrect.`);
  }
}

/** `https://*.example.com:8443` → {scheme: 'https', netloc: '*.example.com:8443'}. */
function splitOrigin(origin: string): { scheme: string; netloc: string } {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(origin);
  return match ? { scheme: match[1]!.toLowerCase(), netloc: match[2]! } : { scheme: '', netloc: '' };
}
