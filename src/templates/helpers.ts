/**
 * The functions every template can call: `it.url(name, params)` (Django's {% url %}) and
 * `it.static(path)` (Django's {% static %}). Built once per set of engines, not per render.
 */
import { ImproperlyConfigured } from '../errors.js';

/** How URL names become paths; supplied by whoever owns the URLconf. */
export type ReverseFunction = (name: string, options?: { args?: readonly unknown[]; kwargs?: Readonly<Record<string, unknown>> }) => string;

export interface TemplateHelpers {
  /** `url('post-detail', {id: 3})` (keyword arguments) or `url('archive', [2024, 5])` (positional). */
  url(name: string, params?: readonly unknown[] | Readonly<Record<string, unknown>>): string;
  /** `static('css/site.css')` → STATIC_URL joined with the quoted path. */
  static(path: string): string;
}

export function createHelpers(options: { staticUrl: string | null; reverse: ReverseFunction | undefined }): TemplateHelpers {
  const { reverse } = options;
  const prefix = options.staticUrl === null ? null : absolutePrefix(options.staticUrl);
  return Object.freeze({
    url(name: string, params?: readonly unknown[] | Readonly<Record<string, unknown>>): string {
      if (!reverse) throw new ImproperlyConfigured(`url('${name}') needs the URL resolver, but no reverse function was given to the template engines.`);
      if (params === undefined) return reverse(name);
      return Array.isArray(params) ? reverse(name, { args: params }) : reverse(name, { kwargs: params as Record<string, unknown> });
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
