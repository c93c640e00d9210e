/** Django's django.shortcuts for views: redirect(), resolveUrl() and getObjectOr404(). */
import { Http404 } from '../http/errors.js';
import { HttpResponsePermanentRedirect, HttpResponseRedirect } from '../http/response.js';
import type { ViewFunction } from '../urls/conf.js';
import { reverse } from '../urls/context.js';
import { NoReverseMatch } from '../urls/exceptions.js';
import type { ReverseOptions } from '../urls/reverse.js';

/**
 * Django's resolve_url: a URL pattern name (or a view) reversed with the given args/kwargs, else
 * `to` itself when it looks like a URL (contains `/` or `.`); `./` and `../` are taken as given.
 */
export function resolveUrl(to: string | ViewFunction, options: Pick<ReverseOptions, 'args' | 'kwargs'> = {}): string {
  if (typeof to === 'string' && (to.startsWith('./') || to.startsWith('../'))) return to;
  try {
    return reverse(to, options);
  } catch (error) {
    if (!(error instanceof NoReverseMatch) || typeof to !== 'string' || (!to.includes('/') && !to.includes('.'))) throw error;
    return to;
  }
}

/** A 302 (301 with `permanent`) to a URL, or to a URL name reversed with `args`/`kwargs`. */
export function redirect(
  to: string | ViewFunction,
  options: { permanent?: boolean } & Pick<ReverseOptions, 'args' | 'kwargs'> = {},
): HttpResponseRedirect {
  const url = resolveUrl(to, options);
  return options.permanent ? new HttpResponsePermanentRedirect(url) : new HttpResponseRedirect(url);
}

/** The value, or Http404 when it is null or undefined (a lookup that found nothing). */
export async function getObjectOr404<T>(value: T | null | undefined | Promise<T | null | undefined>, message = 'No object matches the given query.'): Promise<T> {
  const resolved = await value;
  if (resolved === null || resolved === undefined) throw new Http404(message);
  return resolved;
}
