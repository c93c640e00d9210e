/**
 * Django's MiddlewareMixin: a class middleware written as processRequest (may answer early) and
 * processResponse (may replace the response). The built-in middleware are written this way.
 */
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import type { MaybePromise } from '../http/view.js';
import type { GetResponse, MiddlewareContext, MiddlewareInstance } from './types.js';

export abstract class MiddlewareMixin implements MiddlewareInstance {
  protected readonly getResponse: GetResponse;
  protected readonly context: MiddlewareContext;

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    this.getResponse = getResponse;
    this.context = context;
  }

  processRequest?(request: HttpRequest): MaybePromise<HttpResponse | null | undefined | void>;
  processResponse?(request: HttpRequest, response: HttpResponse): MaybePromise<HttpResponse>;

  /** No `await`s: synchronous hooks and layers answer without allocating a promise (hot path). */
  call(request: HttpRequest): MaybePromise<HttpResponse> {
    const early = this.processRequest?.(request);
    if (early instanceof Promise) return early.then((response) => (response ? this.#out(request, response) : this.#inner(request)));
    return early ? this.#out(request, early) : this.#inner(request);
  }

  #inner(request: HttpRequest): MaybePromise<HttpResponse> {
    const response = this.getResponse(request);
    if (!this.processResponse) return response;
    return response instanceof Promise ? response.then((value) => this.processResponse!(request, value)) : this.processResponse(request, response);
  }

  #out(request: HttpRequest, response: HttpResponse): MaybePromise<HttpResponse> {
    return this.processResponse ? this.processResponse(request, response) : response;
  }
}
