/**
 * Django's BaseHandler._get_response: resolve the view, run the processView hooks, call the view,
 * check it returned a response, then run processTemplateResponse hooks and render deferred
 * (template) responses. Exceptions go to the processException hooks; unhandled ones propagate to
 * the exception-to-response wrapper around this function.
 */
import type { HttpRequest } from '../http/request.js';
import { HttpResponse } from '../http/response.js';
import type { MaybePromise, ResolvedView, View, ViewKwargs } from './types.js';

type Returned = HttpResponse | null | undefined | void;
export type ProcessView = (request: HttpRequest, view: View, kwargs: ViewKwargs) => MaybePromise<Returned>;
export type ProcessException = (request: HttpRequest, exception: unknown) => MaybePromise<Returned>;
export type ProcessTemplateResponse = (request: HttpRequest, response: HttpResponse) => MaybePromise<HttpResponse>;

/** Hooks in the order Django calls them: view hooks outermost first, the others innermost first. */
export interface DispatchHooks {
  readonly view: Array<{ name: string; hook: ProcessView }>;
  readonly exception: Array<{ name: string; hook: ProcessException }>;
  readonly template: Array<{ name: string; hook: ProcessTemplateResponse }>;
}

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

export function createDispatcher(resolve: ResolveRequest, hooks: DispatchHooks): (request: HttpRequest) => Promise<HttpResponse> {
  return async function dispatch(request) {
    const { view, kwargs } = resolve(request);
    let response: Returned;
    for (const { hook } of hooks.view) {
      response = await hook(request, view, kwargs);
      if (response) break;
    }
    if (!response) {
      try {
        response = await view(request, kwargs);
      } catch (error) {
        response = await processException(hooks, request, error);
      }
      checkResponse(response, () => `The view ${viewLabel(view)}`);
    }
    if (isDeferred(response)) {
      for (const { name, hook } of hooks.template) {
        response = await hook(request, response);
        checkResponse(response, () => `${name}.processTemplateResponse`);
      }
      if (isDeferred(response)) {
        try {
          response = await response.render();
        } catch (error) {
          response = await processException(hooks, request, error);
        }
      }
    }
    return response;
  };
}

/** Gives processException hooks a chance to answer; rethrows when none does. */
async function processException(hooks: DispatchHooks, request: HttpRequest, error: unknown): Promise<HttpResponse> {
  for (const { hook } of hooks.exception) {
    const response = await hook(request, error);
    if (response) return response;
  }
  throw error;
}

/** Django's check_response: anything but a response is a bug in the named view or hook. */
export function checkResponse(value: unknown, describe: () => string): asserts value is HttpResponse {
  if (value instanceof HttpResponse) return;
  throw new TypeError(`${describe()} didn't return an HttpResponse object. It returned ${describeValue(value)} instead.`);
}

/** How messages and the debug pages name a view: its class for asView() views, else its function name. */
export function viewLabel(view: unknown): string {
  const target = (view as { viewClass?: unknown } | null | undefined)?.viewClass ?? view;
  return (typeof target === 'function' && target.name) || '<anonymous view>';
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  return `a value of type ${typeof value}`;
}
