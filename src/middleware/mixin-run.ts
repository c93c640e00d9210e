/**
 * Consecutive MiddlewareMixin layers run as one loop rather than nested wrappers (a wrapper, a
 * call and an inner call per layer per request): processRequest outermost first, then what the
 * layers wrap, then processResponse innermost first. Each layer's exception becomes a response
 * at that layer and each layer's result is checked, exactly as the nested chain does it
 * (Django's convert_exception_to_response around every layer).
 */
import type { HttpRequest } from '../http/request.js';
import { HttpResponse } from '../http/response.js';
import type { MaybePromise } from '../http/view.js';
import { notAResponse } from './check.js';
import type { MiddlewareMixin } from './mixin.js';
import type { ExceptionResponder, GetResponse } from './types.js';

export interface MixinLayer {
  readonly instance: MiddlewareMixin;
  /** `Middleware <dotted name>`, for the check_response error. */
  readonly describe: () => string;
}

/** One handler for `layers` (outermost first) around `inner`. */
export function runMixinLayers(layers: readonly MixinLayer[], inner: GetResponse, respond: ExceptionResponder): GetResponse {
  const instances = layers.map((layer) => layer.instance);

  /** Layer `index`'s result as the layer above receives it: a response, else the error's response. */
  const checked = (request: HttpRequest, index: number, value: unknown): MaybePromise<HttpResponse> =>
    value instanceof HttpResponse ? value : respond(request, notAResponse(value, layers[index]!.describe));

  /** processRequest hooks from `start` inward; the first response answers, else `inner` runs. */
  function requestPhase(request: HttpRequest, start: number): MaybePromise<HttpResponse> {
    for (let i = start; i < instances.length; i++) {
      const layer = instances[i]!;
      if (layer.processRequest === undefined) continue;
      let early: unknown;
      try {
        early = layer.processRequest(request);
      } catch (error) {
        return responsePhase(request, i - 1, respond(request, error));
      }
      if (early instanceof Promise) {
        return early.then(
          (response: unknown) => (response ? responsePhase(request, i, response) : requestPhase(request, i + 1)),
          (error: unknown) => responsePhase(request, i - 1, respond(request, error)),
        );
      }
      if (early) return responsePhase(request, i, early);
    }
    return responsePhase(request, instances.length - 1, inner(request));
  }

  /** `value` came out of layer `start`'s inside: processResponse of that layer and every one above. */
  function responsePhase(request: HttpRequest, start: number, value: unknown): MaybePromise<HttpResponse> {
    let current = value;
    for (let i = start; i >= 0; i--) {
      if (current instanceof Promise) {
        return current.then(
          (settled: unknown) => responsePhase(request, i, settled),
          (error: unknown) => responsePhase(request, i - 1, respond(request, error)),
        );
      }
      const layer = instances[i]!;
      if (layer.processResponse !== undefined) {
        let out: unknown;
        try {
          out = layer.processResponse(request, current as HttpResponse);
        } catch (error) {
          current = respond(request, error);
          continue;
        }
        if (out instanceof Promise) {
          return out.then(
            (response: unknown) => responsePhase(request, i - 1, checked(request, i, response)),
            (error: unknown) => responsePhase(request, i - 1, respond(request, error)),
          );
        }
        current = out;
      }
      current = checked(request, i, current);
    }
    return current as MaybePromise<HttpResponse>;
  }

  return (request) => requestPhase(request, 0);
}
