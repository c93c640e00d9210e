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

  async call(request: HttpRequest): Promise<HttpResponse> {
    let response = this.processRequest ? await this.processRequest(request) : undefined;
    response ||= await this.getResponse(request);
    return this.processResponse ? this.processResponse(request, response) : response;
  }
}
