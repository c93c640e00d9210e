/**
 * Django's response_for_exception: turns anything thrown while handling a request into the
 * response for that request only. Http404 → 404, PermissionDenied → 403, BadRequest and
 * SuspiciousOperation → 400 (other HttpErrors keep their status), everything else → 500. With
 * DEBUG the technical pages answer; without it the URLconf's handler404/400/403/500 (or the
 * defaults) do, and a failing handler falls back to the 500 handler, then to the minimal page.
 */
import { BadRequest, Http404, HttpError, PermissionDenied, SuspiciousOperation } from '../http/errors.js';
import type { ErrorLog } from '../http/error-log.js';
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import type { DebugOptions } from './debug/report.js';
import { technical404Response } from './debug/technical-404.js';
import { technical500Response } from './debug/technical-500.js';
import { defaultErrorHandlers, statusPage, type ErrorHandler, type ErrorStatus } from './defaults.js';
import { isDeferred } from './dispatch.js';
import { checkResponse } from '../middleware/check.js';
import type { ExceptionResponder } from '../middleware/types.js';

export interface ExceptionResponderOptions {
  /** Present when DEBUG is on: the technical pages are shown. */
  readonly debug: DebugOptions | null;
  /** The root URLconf's name, shown on the technical 404. */
  readonly urlconf: string;
  /** handler400/403/404/500 of the root URLconf, else the defaults. */
  readonly handlers: Readonly<Record<ErrorStatus, ErrorHandler>>;
  readonly log: ErrorLog;
}

export function createExceptionResponder(options: ExceptionResponderOptions): ExceptionResponder {
  const { debug, handlers, log } = options;
  const fallback = defaultErrorHandlers()[500];

  async function callHandler(status: ErrorStatus, request: HttpRequest, error?: unknown): Promise<HttpResponse> {
    const handler = handlers[status];
    const response = await (status === 500 ? handler(request) : handler(request, error));
    checkResponse(response, () => `The handler${status} view ${handler.name || 'anonymous'}`);
    return response;
  }

  async function uncaught(request: HttpRequest, error: unknown): Promise<HttpResponse> {
    if (debug) return technical500Response(request, error, 500, debug);
    try {
      return await callHandler(500, request);
    } catch {
      return fallback(request);
    }
  }

  async function handled(status: ErrorStatus, request: HttpRequest, error: unknown): Promise<HttpResponse> {
    try {
      return await callHandler(status, request, error);
    } catch (handlerError) {
      return uncaught(request, handlerError);
    }
  }

  async function respond(request: HttpRequest, error: unknown): Promise<HttpResponse> {
    if (error instanceof Http404) {
      return debug ? technical404Response(request, error, options.urlconf) : handled(404, request, error);
    }
    if (error instanceof PermissionDenied) {
      const response = await handled(403, request, error);
      log.response('Forbidden (Permission denied)', request.path, response, error);
      return response;
    }
    if (error instanceof BadRequest) {
      const response = debug ? technical500Response(request, error, 400, debug) : await handled(400, request, error);
      log.response(error.message || 'Bad Request', request.path, response, error);
      return response;
    }
    if (error instanceof HttpError) {
      // The security logger: the message alone, no stack.
      if (error instanceof SuspiciousOperation) log.message(error.message);
      if (debug) return technical500Response(request, error, error.status, debug);
      return error.status === 400 ? handled(400, request, error) : statusPage(error.status);
    }
    const response = await uncaught(request, error);
    log.response(response.reasonPhrase, request.path, response, error);
    return response;
  }

  return async function responseForException(request, error) {
    const response = await respond(request, error);
    if (!isDeferred(response)) return response;
    try {
      return await response.render();
    } catch (renderError) {
      return uncaught(request, renderError);
    }
  };
}
