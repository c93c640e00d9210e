/**
 * Requiring a logged-in user (Django's login_required and LoginRequiredMixin): anyone else is
 * redirected to LOGIN_URL with the page they wanted in `?next=`.
 */
import type { HttpRequest } from '../../http/request.js';
import { HttpResponseRedirect, type HttpResponse } from '../../http/response.js';
import type { MaybePromise, View, ViewKwargs } from '../../http/view.js';
import { wrapView } from '../../views/decorators.js';
import type { View as ClassBasedView } from '../../views/generic.js';
import { resolveUrl } from '../../views/shortcuts.js';
import { authConfig } from './session.js';

export const REDIRECT_FIELD_NAME = 'next';

export interface LoginRequiredOptions {
  /** A URL or URL name; default LOGIN_URL. */
  loginUrl?: string;
  redirectFieldName?: string;
}

/** Django's redirect_to_login: LOGIN_URL with `next` added to its query (slashes left readable). */
export function redirectToLogin(next: string, loginUrl: string, redirectFieldName = REDIRECT_FIELD_NAME): HttpResponseRedirect {
  const resolved = resolveUrl(loginUrl);
  const [base, query = ''] = resolved.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set(redirectFieldName, next);
  return new HttpResponseRedirect(`${base}?${params.toString().replace(/%2F/gi, '/')}`);
}

/** The redirect for a request that needs a login, or undefined when the user is logged in. */
function loginRedirect(request: HttpRequest, options: LoginRequiredOptions): HttpResponse | undefined {
  if (request.user.isAuthenticated) return undefined;
  const loginUrl = resolveUrl(options.loginUrl ?? authConfig(request).loginUrl);
  // Same site: next is just the path; a login page elsewhere gets the whole URL back.
  const next = /^[a-z][a-z0-9+.-]*:\/\//i.test(loginUrl) ? request.buildAbsoluteUri() : request.getFullPath();
  return redirectToLogin(next, loginUrl, options.redirectFieldName);
}

/** Decorates a view: anonymous users go to the login page first. */
export function loginRequired<K extends ViewKwargs>(view: View<K>, options: LoginRequiredOptions = {}): View<K> {
  return wrapView(view, (request: HttpRequest, kwargs: K) => loginRedirect(request, options) ?? view(request, kwargs));
}

type ViewClass = new (...args: any[]) => ClassBasedView;

/** For class-based views: `class NewPost extends LoginRequiredMixin(TemplateView) {...}`. */
export function LoginRequiredMixin<T extends ViewClass>(Base: T) {
  class LoginRequired extends Base {
    loginUrl: string | null = null;
    redirectFieldName: string = REDIRECT_FIELD_NAME;

    override dispatch(request: HttpRequest, kwargs: ViewKwargs): MaybePromise<HttpResponse> {
      const options = { ...(this.loginUrl ? { loginUrl: this.loginUrl } : {}), redirectFieldName: this.redirectFieldName };
      return loginRedirect(request, options) ?? super.dispatch(request, kwargs);
    }
  }
  return LoginRequired;
}
