/**
 * Django's SessionMiddleware with the signed-cookie backend: gives every request a lazy
 * `request.session`, and on the way out sends a fresh cookie when the session changed (not for
 * 5xx), deletes it when the session became empty, and varies on Cookie when it was read.
 */
import { ImproperlyConfigured } from '../errors.js';
import type { CookieOptions } from '../http/cookies.js';
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import { patchVaryHeaders } from '../http/vary.js';
import { MiddlewareMixin } from './mixin.js';
import { Session, sessionSigner, type SessionConfig } from './session-store.js';
import type { GetResponse, MiddlewareContext } from './types.js';

declare module '../http/request.js' {
  interface HttpRequest {
    /** Set by SessionMiddleware. */
    session: Session;
  }
}

export class SessionMiddleware extends MiddlewareMixin {
  readonly #config: SessionConfig;
  readonly #cookieName: string;
  readonly #cookie: CookieOptions;
  readonly #saveEveryRequest: boolean;

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    super(getResponse, context);
    const s = context.settings;
    if (!s.SECRET_KEY) throw new ImproperlyConfigured('The SECRET_KEY setting must not be empty.');
    this.#config = { signer: sessionSigner(s.SECRET_KEY), cookieAge: s.SESSION_COOKIE_AGE, expireAtBrowserClose: s.SESSION_EXPIRE_AT_BROWSER_CLOSE };
    this.#cookieName = s.SESSION_COOKIE_NAME;
    this.#cookie = {
      path: s.SESSION_COOKIE_PATH,
      domain: s.SESSION_COOKIE_DOMAIN,
      secure: s.SESSION_COOKIE_SECURE,
      httpOnly: s.SESSION_COOKIE_HTTPONLY,
      sameSite: s.SESSION_COOKIE_SAMESITE,
    };
    this.#saveEveryRequest = s.SESSION_SAVE_EVERY_REQUEST;
  }

  override processRequest(request: HttpRequest): undefined {
    request.session = new Session(request.headers.has('cookie') ? request.COOKIES[this.#cookieName] : undefined, this.#config);
    return undefined;
  }

  override processResponse(request: HttpRequest, response: HttpResponse): HttpResponse {
    const session = request.session;
    if (!(session instanceof Session)) return response;
    const empty = session.isEmpty();
    if (empty && request.headers.has('cookie') && this.#cookieName in request.COOKIES) {
      response.deleteCookie(this.#cookieName, { path: this.#cookie.path!, domain: this.#cookie.domain, sameSite: this.#cookie.sameSite });
      patchVaryHeaders(response, ['Cookie']);
      return response;
    }
    if (session.accessed) patchVaryHeaders(response, ['Cookie']);
    if ((session.modified || this.#saveEveryRequest) && !empty && response.status < 500) {
      const maxAge = session.getExpireAtBrowserClose() ? undefined : session.getExpiryAge();
      response.setCookie(this.#cookieName, session.encode(), { ...this.#cookie, maxAge });
    }
    return response;
  }
}
