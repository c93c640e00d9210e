/**
 * Django's AuthenticationMiddleware: `request.user` on every request, looked up from the session
 * only when something reads it. Needs SessionMiddleware before it in MIDDLEWARE.
 */
import { ImproperlyConfigured } from '../../errors.js';
import type { HttpRequest } from '../../http/request.js';
import { MiddlewareMixin } from '../../middleware/mixin.js';
import type { GetResponse, MiddlewareContext } from '../../middleware/types.js';
import type { AnonymousUser, User } from './models.js';
import { attachAuthConfig, getUser, type AuthConfig } from './session.js';

export class AuthenticationMiddleware extends MiddlewareMixin {
  readonly #config: AuthConfig;

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    super(getResponse, context);
    const s = context.settings;
    this.#config = Object.freeze({
      secretKey: s.SECRET_KEY,
      loginUrl: s.LOGIN_URL,
      loginRedirectUrl: s.LOGIN_REDIRECT_URL,
      logoutRedirectUrl: s.LOGOUT_REDIRECT_URL,
    });
  }

  override processRequest(request: HttpRequest): undefined {
    if (!('session' in request)) {
      throw new ImproperlyConfigured(
        "The managets authentication middleware requires session middleware to be installed. Edit your MIDDLEWARE setting to insert 'managets.middleware.SessionMiddleware' before 'managets.contrib.auth.middleware.AuthenticationMiddleware'.",
      );
    }
    attachAuthConfig(request, this.#config);
    let user: User | AnonymousUser | undefined;
    Object.defineProperty(request, 'user', {
      configurable: true,
      enumerable: true,
      get: () => (user ??= getUser(request)),
      set: (value: User | AnonymousUser) => (user = value),
    });
    return undefined;
  }
}
