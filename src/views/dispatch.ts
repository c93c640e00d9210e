/**
 * Django's BaseHandler._get_response: resolve the view, run the processView hooks, call the view,
 * check it returned a response, then run processTemplateResponse hooks and render deferred
 * (template) responses. Exceptions go to the processException hooks; unhandled ones propagate to
 * the exception-to-response wrapper around this function.
 */
import type { HttpRequest } from '../http/request.js';
import { HttpResponse } from '../http/response.js';
import type { MaybePromise, ResolvedView, View, ViewKwargs } from '../http/view.js';
import { checkResponse } from '../middleware/check.js';
import type { DispatchHooks } from '../middleware/types.js';

/** A response whose body is produced later (TemplateResponse): rendered after the hooks ran. */
export interface DeferredResponse {
  readonly isRendered: boolean;
  render(): MaybePromise<HttpResponse>;
}

export function isDeferred(response: HttpResponse): response is HttpResponse & DeferredResponse {
  const candidate = response as Partial<DeferredResponse>;
  return typeof candidate.render === 'function' && candidate.isRendered === false;
}

/** Resolves the request's path (setting `request.resolverMatch`), or throws Http404. */
export type ResolveRequest = (request: HttpRequest) => ResolvedView;

export function createDispatcher(resolve: ResolveRequest, hooks: DispatchHooks): (request: HttpRequest) => MaybePromise<HttpResponse> {
  /** processView hooks from `start` on; the first response wins, else the view runs. */
  function viewHooks(request: HttpRequest, view: View, kwargs: ViewKwargs, start: number): MaybePromise<HttpResponse> {
    for (let i = start; i < hooks.view.length; i++) {
      const result = hooks.view[i]!.hook(request, view, kwargs);
      if (result instanceof Promise) {
        return result.then((response) => (response ? finish(request, response) : viewHooks(request, view, kwargs, i + 1)));
      }
      if (result) return finish(request, result);
    }
    return callView(request, view, kwargs);
  }

  /** The view's result checked (Django's check_response), then deferred responses rendered. */
  function checked(request: HttpRequest, view: View, value: unknown): MaybePromise<HttpResponse> {
    if (!(value instanceof HttpResponse)) checkResponse(value, () => `The view ${viewLabel(view)}`);
    return finish(request, value);
  }

  /** An exception of the view offered to processException hooks; rethrown when none answers. */
  function failed(request: HttpRequest, view: View, error: unknown): Promise<HttpResponse> {
    return processException(hooks, request, error).then((response) => checked(request, view, response));
  }

  /** The view itself. Synchronous views are not awaited: a promise per request is measurable. */
  function callView(request: HttpRequest, view: View, kwargs: ViewKwargs): MaybePromise<HttpResponse> {
    let result: MaybePromise<HttpResponse>;
    try {
      result = view(request, kwargs);
    } catch (error) {
      return failed(request, view, error);
    }
    if (result instanceof Promise) {
      return result.then((value) => checked(request, view, value), (error: unknown) => failed(request, view, error));
    }
    return checked(request, view, result);
  }

  function finish(request: HttpRequest, response: HttpResponse): MaybePromise<HttpResponse> {
    return isDeferred(response) ? renderDeferred(hooks, request, response) : response;
  }

  return function dispatch(request) {
    const { view, kwargs } = resolve(request);
    return viewHooks(request, view, kwargs, 0);
  };
}

/** processTemplateResponse hooks, innermost first, then the deferred response's render(). */
async function renderDeferred(hooks: DispatchHooks, request: HttpRequest, deferred: HttpResponse & DeferredResponse): Promise<HttpResponse> {
  let response: HttpResponse = deferred;
  for (const { name, hook } of hooks.template) {
    response = await hook(request, response);
    checkResponse(response, () => `${name}.processTemplateResponse`);
  }
  if (!isDeferred(response)) return response;
  try {
    return await response.render();
  } catch (error) {
    return processException(hooks, request, error);
  }
}

/** Gives processException hooks a chance to answer; rethrows when none does. */
async function processException(hooks: DispatchHooks, request: HttpRequest, error: unknown): Promise<HttpResponse> {
  for (const { hook } of hooks.exception) {
    const response = await hook(request, error);
    if (response) return response;
  }
  throw error;
}

/** How messages and the debug pages name a view: its class for asView() views, else its function name. */
export function viewLabel(view: unknown): string {
  const target = (view as { viewClass?: unknown } | null | undefined)?.viewClass ?? view;
  return (typeof target === 'function' && target.name) || '<anonymous view>';
}
