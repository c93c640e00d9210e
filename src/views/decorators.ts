/**
 * View decorators (Django's django.views.decorators): method restrictions and the flags
 * middleware reads. Each returns a new function that keeps the view's name and flags, so
 * decorators stack in any order.
 */
import type { HttpRequest } from '../http/request.js';
import { HttpResponseNotAllowed, type HttpResponse } from '../http/response.js';
import type { View, ViewKwargs } from '../http/view.js';

/** `wrapper` with the name and flags (csrfExempt, viewClass…) of `view`. */
export function wrapView<K extends ViewKwargs>(view: View<K>, wrapper: View<K>): View<K> {
  Object.defineProperty(wrapper, 'name', { value: view.name });
  for (const key of Object.keys(view)) (wrapper as unknown as Record<string, unknown>)[key] = (view as unknown as Record<string, unknown>)[key];
  return wrapper;
}

/** 405 with an Allow header for any method not listed. */
export function requireHttpMethods(methods: readonly string[]) {
  const allowed = methods.map((method) => method.toUpperCase());
  return <K extends ViewKwargs>(view: View<K>): View<K> =>
    wrapView(view, (request: HttpRequest, kwargs: K) => (allowed.includes(request.method) ? view(request, kwargs) : new HttpResponseNotAllowed(allowed)));
}

export const requireGET = requireHttpMethods(['GET']);
export const requirePOST = requireHttpMethods(['POST']);
/** GET and HEAD: the methods that must not change anything. */
export const requireSafe = requireHttpMethods(['GET', 'HEAD']);

/** CsrfViewMiddleware lets every request to this view through. */
export function csrfExempt<K extends ViewKwargs>(view: View<K>): View<K> {
  const wrapped = wrapView(view, (request: HttpRequest, kwargs: K) => view(request, kwargs));
  wrapped.csrfExempt = true;
  return wrapped;
}

/** CommonMiddleware never answers a slash-less URL with a redirect to this view. */
export function noAppendSlash<K extends ViewKwargs>(view: View<K>): View<K> {
  const wrapped = wrapView(view, (request: HttpRequest, kwargs: K) => view(request, kwargs));
  wrapped.shouldAppendSlash = false;
  return wrapped;
}

/** XFrameOptionsMiddleware leaves this view's responses without X-Frame-Options. */
export function xframeOptionsExempt<K extends ViewKwargs>(view: View<K>): View<K> {
  return wrapView(view, async (request: HttpRequest, kwargs: K): Promise<HttpResponse> => {
    const response = await view(request, kwargs);
    response.xframeOptionsExempt = true;
    return response;
  });
}
