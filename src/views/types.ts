/**
 * What a view is: a function `(request, kwargs) => response | Promise<response>`, where kwargs
 * are the converted URL parameters. Decorators mark views with the flags middleware reads.
 */
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';

/** Converted URL parameters (`<int:id>` gives a number). */
export type ViewKwargs = Record<string, any>;

export type MaybePromise<T> = T | Promise<T>;

export interface ViewFlags {
  /** Set by `csrfExempt`: CsrfViewMiddleware skips the view. */
  csrfExempt?: boolean;
  /** Cleared by `noAppendSlash`: CommonMiddleware never redirects to this view with a slash. */
  shouldAppendSlash?: boolean;
}

export interface View<K extends ViewKwargs = ViewKwargs> extends ViewFlags {
  (request: HttpRequest, kwargs: K): MaybePromise<HttpResponse>;
}

/** What the view layer needs from URL resolution (the urls layer provides it). */
export interface ResolvedView {
  readonly view: View;
  readonly kwargs: ViewKwargs;
}
