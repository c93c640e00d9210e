/**
 * Django's LoginView and LogoutView: the login form (registration/login.html) that logs the user
 * in and sends them on to `next` or LOGIN_REDIRECT_URL, and a POST-only logout.
 */
import type { HttpRequest } from '../../http/request.js';
import { HttpResponseRedirect, type HttpResponse } from '../../http/response.js';
import type { ViewKwargs } from '../../http/view.js';
import { TemplateResponse } from '../../templates/response.js';
import { TemplateView } from '../../views/generic.js';
import { resolveUrl } from '../../views/shortcuts.js';
import { REDIRECT_FIELD_NAME } from './decorators.js';
import { authConfig, authenticate, login, logout } from './session.js';

export const INVALID_LOGIN = 'Please enter a correct username and password. Note that both fields may be case-sensitive.';

/** Login pages must never come from a cache (Django's never_cache). */
const NEVER_CACHE = 'max-age=0, no-cache, no-store, must-revalidate, private';

export class LoginView extends TemplateView {
  override templateName: string | readonly string[] | null = 'registration/login.html';
  redirectFieldName = REDIRECT_FIELD_NAME;
  /** Send a logged-in user straight on instead of showing the form. */
  redirectAuthenticatedUser = false;
  /** Where to go after logging in when no safe `next` was given (default LOGIN_REDIRECT_URL). */
  nextPage: string | null = null;

  override async get(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    if (this.redirectAuthenticatedUser && request.user.isAuthenticated) return new HttpResponseRedirect(this.successUrl(request));
    return this.form(request, kwargs, '', []);
  }

  async post(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    const username = request.POST.get('username') ?? '';
    const password = request.POST.get('password') ?? '';
    const user = username && password ? await authenticate(request, { username, password }) : null;
    if (!user) return this.form(request, kwargs, username, [INVALID_LOGIN]);
    login(request, user);
    return new HttpResponseRedirect(this.successUrl(request));
  }

  /** A safe `next` from the form or query, else nextPage, else LOGIN_REDIRECT_URL. */
  successUrl(request: HttpRequest): string {
    return safeNext(request, this.redirectFieldName) || resolveUrl(this.nextPage ?? authConfig(request).loginRedirectUrl);
  }

  async form(request: HttpRequest, kwargs: ViewKwargs, username: string, errors: string[]): Promise<HttpResponse> {
    const context = {
      ...(await this.getContextData(kwargs)),
      form: { username, errors },
      next: safeNext(request, this.redirectFieldName),
      redirectFieldName: this.redirectFieldName,
    };
    return new TemplateResponse(request, this.getTemplateNames(), context, { headers: { 'Cache-Control': NEVER_CACHE } });
  }
}

export class LogoutView extends TemplateView {
  /** Logging out changes state: POST only, as in Django 5 (a link cannot log anyone out). */
  static override httpMethodNames: readonly string[] = ['post', 'options'];
  override templateName: string | readonly string[] | null = 'registration/logged_out.html';
  redirectFieldName = REDIRECT_FIELD_NAME;
  /** Where to go after logging out (default LOGOUT_REDIRECT_URL; neither: the logged-out page). */
  nextPage: string | null = null;

  async post(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    logout(request);
    const target = this.nextPage ?? authConfig(request).logoutRedirectUrl;
    const next = safeNext(request, this.redirectFieldName) || (target ? resolveUrl(target) : '');
    if (next) return new HttpResponseRedirect(next);
    const context = { ...(await this.getContextData(kwargs)), title: 'Logged out' };
    return new TemplateResponse(request, this.getTemplateNames(), context, { headers: { 'Cache-Control': NEVER_CACHE } });
  }
}

/** The `next` the request carries (form first, then query), if it stays on this site; else ''. */
function safeNext(request: HttpRequest, field: string): string {
  const next = request.POST.get(field) ?? request.GET.get(field) ?? '';
  return isSafeRedirect(next, request.getHost(), request.isSecure()) ? next : '';
}

/**
 * Django's url_has_allowed_host_and_scheme for one host: a path on this site, or an http(s) URL
 * to this very host (https only when the request was). Backslashes count as slashes, as browsers
 * read them, so `/\evil.example` is another host.
 */
export function isSafeRedirect(url: string, host: string, requireHttps: boolean): boolean {
  const text = url.trim().replace(/\\/g, '/');
  if (!text || text.startsWith('///')) return false;
  const placeholder = 'placeholder.invalid';
  let parsed: URL;
  try {
    parsed = new URL(text, `http://${placeholder}/`);
  } catch {
    return false;
  }
  if (parsed.host === placeholder && !/^[a-z][a-z0-9+.-]*:/i.test(text)) return true;
  const schemes = requireHttps ? ['https:'] : ['http:', 'https:'];
  return schemes.includes(parsed.protocol) && parsed.host === host.toLowerCase();
}
