/** Django's django.shortcuts for views: redirect() and getObjectOr404(). */
import { Http404 } from '../http/errors.js';
import { HttpResponsePermanentRedirect, HttpResponseRedirect } from '../http/response.js';

/** A 302 (or 301 with `permanent`) to `to`. */
export function redirect(to: string, options: { permanent?: boolean } = {}): HttpResponseRedirect {
  return options.permanent ? new HttpResponsePermanentRedirect(to) : new HttpResponseRedirect(to);
}

/** The value, or Http404 when it is null or undefined (a lookup that found nothing). */
export async function getObjectOr404<T>(value: T | null | undefined | Promise<T | null | undefined>, message = 'No object matches the given query.'): Promise<T> {
  const resolved = await value;
  if (resolved === null || resolved === undefined) throw new Http404(message);
  return resolved;
}
