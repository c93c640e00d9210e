/**
 * Django's middleware shape in TypeScript. A factory `(getResponse, context) => handler` returns
 * the per-request function, optionally carrying processView/processException/
 * processTemplateResponse hooks; a class is constructed with the same arguments and answers
 * through its `call(request)` method. `context` is ours: Django reads global settings, we pass them.
 */
import type { ModuleLoader } from '../conf/modules.js';
import type { Settings } from '../conf/settings.js';
import type { ErrorLog } from '../http/error-log.js';
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import type { MaybePromise, ResolvedView, View, ViewKwargs } from '../http/view.js';

/**
 * The next layer. It answers synchronously when everything inside does (no promise to allocate),
 * so `await getResponse(request)` it rather than calling `.then` on it.
 */
export type GetResponse = (request: HttpRequest) => MaybePromise<HttpResponse>;

/** Turns anything thrown while handling `request` into its response (views/exception.ts). */
export type ExceptionResponder = (request: HttpRequest, error: unknown) => Promise<HttpResponse>;

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

export interface MiddlewareHooks {
  processView?: ProcessView;
  processException?: ProcessException;
  processTemplateResponse?: ProcessTemplateResponse;
}

export type MiddlewareHandler = ((request: HttpRequest) => MaybePromise<HttpResponse>) & MiddlewareHooks;

export interface MiddlewareInstance extends MiddlewareHooks {
  call(request: HttpRequest): MaybePromise<HttpResponse>;
}

export interface MiddlewareContext {
  readonly settings: Settings;
  /** The view `path` resolves to, or null: what APPEND_SLASH asks before redirecting. */
  readonly resolvePath: (path: string) => ResolvedView | null;
  readonly log: ErrorLog;
  /** Imports dotted names (`blog.views.csrf_failure`) the way MIDDLEWARE entries are. */
  readonly loader: ModuleLoader;
}

export type MiddlewareFactory = (getResponse: GetResponse, context: MiddlewareContext) => MiddlewareHandler;
export type MiddlewareClass = new (getResponse: GetResponse, context: MiddlewareContext) => MiddlewareInstance;
export type Middleware = MiddlewareFactory | MiddlewareClass;

/** Thrown by a factory or constructor to take itself out of the chain (Django's MiddlewareNotUsed). */
export class MiddlewareNotUsed extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'MiddlewareNotUsed';
  }
}
