/** Django's XFrameOptionsMiddleware: `X-Frame-Options: DENY` (or X_FRAME_OPTIONS) unless set or exempted. */
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import { MiddlewareMixin } from './mixin.js';
import type { GetResponse, MiddlewareContext } from './types.js';

declare module '../http/response.js' {
  interface HttpResponse {
    /** Set by the `xframeOptionsExempt` decorator: no X-Frame-Options header. */
    xframeOptionsExempt?: boolean;
  }
}

export class XFrameOptionsMiddleware extends MiddlewareMixin {
  readonly #value: string;

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    super(getResponse, context);
    this.#value = (context.settings.X_FRAME_OPTIONS || 'DENY').toUpperCase();
  }

  override processResponse(_request: HttpRequest, response: HttpResponse): HttpResponse {
    if (!response.headers.has('X-Frame-Options') && !response.xframeOptionsExempt) {
      response.headers.set('X-Frame-Options', this.#value);
    }
    return response;
  }
}
