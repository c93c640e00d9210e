/**
 * Django's SecurityMiddleware: optional redirect to HTTPS, HSTS on secure responses, and the
 * nosniff, Referrer-Policy and Cross-Origin-Opener-Policy headers (set unless already present).
 */
import type { HttpRequest } from '../http/request.js';
import { HttpResponse, HttpResponsePermanentRedirect } from '../http/response.js';
import { MiddlewareMixin } from './mixin.js';
import type { GetResponse, MiddlewareContext } from './types.js';

export class SecurityMiddleware extends MiddlewareMixin {
  readonly #hsts: string | null;
  readonly #nosniff: boolean;
  readonly #referrerPolicy: string | null;
  readonly #coop: string | null;
  readonly #redirect: boolean;
  readonly #redirectHost: string | null;
  readonly #redirectExempt: RegExp[];

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    super(getResponse, context);
    const s = context.settings;
    this.#hsts = s.SECURE_HSTS_SECONDS
      ? `max-age=${s.SECURE_HSTS_SECONDS}${s.SECURE_HSTS_INCLUDE_SUBDOMAINS ? '; includeSubDomains' : ''}${s.SECURE_HSTS_PRELOAD ? '; preload' : ''}`
      : null;
    this.#nosniff = s.SECURE_CONTENT_TYPE_NOSNIFF;
    // A comma-separated string or a list gives fallback policies, as in Django.
    const policy = s.SECURE_REFERRER_POLICY as string | readonly string[] | null;
    this.#referrerPolicy = policy ? (typeof policy === 'string' ? policy.split(',') : policy).map((v) => v.trim()).join(',') : null;
    this.#coop = s.SECURE_CROSS_ORIGIN_OPENER_POLICY || null;
    this.#redirect = s.SECURE_SSL_REDIRECT;
    this.#redirectHost = s.SECURE_SSL_HOST || null;
    this.#redirectExempt = s.SECURE_REDIRECT_EXEMPT.map((pattern) => new RegExp(pattern));
  }

  override processRequest(request: HttpRequest): HttpResponse | undefined {
    if (!this.#redirect || request.isSecure()) return undefined;
    const path = request.path.replace(/^\/+/, '');
    if (this.#redirectExempt.some((pattern) => pattern.test(path))) return undefined;
    const host = this.#redirectHost ?? request.getHost();
    return new HttpResponsePermanentRedirect(`https://${host}${request.getFullPath()}`);
  }

  override processResponse(request: HttpRequest, response: HttpResponse): HttpResponse {
    const headers = response.headers;
    if (this.#hsts && request.isSecure() && !headers.has('Strict-Transport-Security')) {
      headers.set('Strict-Transport-Security', this.#hsts);
    }
    if (this.#nosniff) headers.setDefault('X-Content-Type-Options', 'nosniff');
    if (this.#referrerPolicy) headers.setDefault('Referrer-Policy', this.#referrerPolicy);
    if (this.#coop) headers.setDefault('Cross-Origin-Opener-Policy', this.#coop);
    return response;
  }
}
