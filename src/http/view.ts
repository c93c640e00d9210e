/**
 * What a view is: a function `(request, kwargs) => response | Promise<response>`, where kwargs
 * are the converted URL parameters. Decorators mark views with the flags middleware reads. Types
 * only; they live in the http core because middleware and views both speak them.
 */
import type { HttpRequest } from './request.js';
import type { HttpResponse } from './response.js';

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
