/**
 * The functions every template can call: `it.url(name, params)` (Django's {% url %}) and
 * `it.static(path)` (Django's {% static %}). Built once per set of engines, not per render.
 */
import { ImproperlyConfigured } from '../errors.js';
import type { HttpRequest } from '../http/request.js';

export interface ReverseArguments {
  args?: readonly unknown[];
  kwargs?: Readonly<Record<string, unknown>>;
  /** The namespace to prefer for `app:name` (Django's current_app). */
  currentApp?: string;
}

/** How URL names become paths: urls' reverse() (the request's URLconf) unless one is injected. */
export type ReverseFunction = (name: string, options?: ReverseArguments) => string;

export type UrlHelper = (name: string, params?: readonly unknown[] | Readonly<Record<string, unknown>>) => string;

export interface TemplateHelpers {
  /** `url('post-detail', {id: 3})` (keyword arguments) or `url('archive', [2024, 5])` (positional). */
  url: UrlHelper;
  /** url() for a page rendered for `request`: app namespaces resolve to the request's instance, as {% url %}. */
  urlFor(request: HttpRequest): UrlHelper;
  /** `static('css/site.css')` → STATIC_URL joined with the quoted path. */
  static(path: string): string;
}

export function createHelpers(options: { staticUrl: string | null; reverse: ReverseFunction }): TemplateHelpers {
  const { reverse } = options;
  const prefix = options.staticUrl === null ? null : absolutePrefix(options.staticUrl);
  const reverseWith = (currentApp: string | undefined): UrlHelper => (name, params) => {
    const args: ReverseArguments = currentApp === undefined ? {} : { currentApp };
    if (Array.isArray(params)) args.args = params;
    else if (params !== undefined) args.kwargs = params as Readonly<Record<string, unknown>>;
    return Object.keys(args).length === 0 ? reverse(name) : reverse(name, args);
  };
  const url = reverseWith(undefined);
  return Object.freeze({
    url,
    urlFor(request: HttpRequest): UrlHelper {
      const namespaces = request.resolverMatch?.namespaces;
      return namespaces && namespaces.length > 0 ? reverseWith(namespaces.join(':')) : url;
    },
    static(path: string): string {
      if (prefix === null) {
        throw new ImproperlyConfigured("You're using the staticfiles app without having set the required STATIC_URL setting.");
      }
      return prefix + String(path).replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
    },
  });
}

/** Django prefixes a relative STATIC_URL (`static/`) with the script prefix, `/` under runserver. */
function absolutePrefix(staticUrl: string): string {
  const url = /^([a-z][a-z0-9+.-]*:)?\/\//i.test(staticUrl) || staticUrl.startsWith('/') ? staticUrl : `/${staticUrl}`;
  return url.endsWith('/') ? url : `${url}/`;
}
