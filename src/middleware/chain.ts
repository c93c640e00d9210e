/**
 * Django's BaseHandler.load_middleware: MIDDLEWARE entries (dotted strings or references) are
 * imported once, instantiated innermost first around the view dispatcher, and every layer is
 * wrapped so that whatever it throws becomes a response right there (convert_exception_to_response).
 */
import { ImproperlyConfigured } from '../errors.js';
import type { ModuleLoader } from '../conf/modules.js';
import type { HttpRequest } from '../http/request.js';
import { HttpResponse } from '../http/response.js';
import { notAResponse } from './check.js';
import { MiddlewareMixin } from './mixin.js';
import { runMixinLayers, type MixinLayer } from './mixin-run.js';
import {
  MiddlewareNotUsed,
  type DispatchHooks,
  type ExceptionResponder,
  type GetResponse,
  type Middleware,
  type MiddlewareClass,
  type MiddlewareContext,
  type MiddlewareFactory,
  type MiddlewareHooks,
} from './types.js';

export interface LoadedMiddleware {
  /** The dotted path as written in MIDDLEWARE, or the function's name. */
  readonly name: string;
  readonly middleware: Middleware;
}

/** Imports every MIDDLEWARE entry up front, so a typo fails at startup and not per request. */
export async function loadMiddleware(entries: readonly unknown[], loader: ModuleLoader): Promise<LoadedMiddleware[]> {
  const loaded: LoadedMiddleware[] = [];
  for (const entry of entries) {
    const value = typeof entry === 'string' ? await loader.importString(entry) : entry;
    const name = typeof entry === 'string' ? entry : (entry as { name?: string } | null)?.name || 'anonymous middleware';
    if (typeof value !== 'function') {
      throw new ImproperlyConfigured(`MIDDLEWARE entry '${name}' is not a middleware factory or class.`);
    }
    loaded.push({ name, middleware: value as Middleware });
  }
  return loaded;
}

export function emptyHooks(): DispatchHooks {
  return { view: [], exception: [], template: [] };
}

/** True for `class X {}` and for constructor functions with a `call` method on their prototype. */
function isClass(middleware: Middleware): middleware is MiddlewareClass {
  return /^class[\s{]/.test(Function.prototype.toString.call(middleware)) || typeof middleware.prototype?.call === 'function';
}

/**
 * Wraps a layer so it always gives a response, whatever it throws, rejects with or returns. A
 * synchronous answer stays synchronous: no promise per layer per request unless a layer awaits.
 */
export function convertExceptionToResponse(
  layer: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
  name: string,
  respond: ExceptionResponder,
): GetResponse {
  const describe = () => `Middleware ${name}`;
  const settle = (request: HttpRequest, value: unknown): HttpResponse | Promise<HttpResponse> =>
    value instanceof HttpResponse ? value : respond(request, notAResponse(value, describe));
  return function inner(request) {
    let result: HttpResponse | Promise<HttpResponse>;
    try {
      result = layer(request);
    } catch (error) {
      return respond(request, error);
    }
    if (result instanceof Promise) return result.then((value) => settle(request, value), (error: unknown) => respond(request, error));
    return settle(request, result);
  };
}

/** A MiddlewareMixin subclass that keeps the mixin's call(): its layers can run fused. */
function isPlainMixin(middleware: Middleware): boolean {
  return middleware.prototype instanceof MiddlewareMixin && middleware.prototype.call === MiddlewareMixin.prototype.call;
}

/**
 * Builds the chain around `dispatch`; fills `hooks` in Django's order (view hooks outermost first,
 * exception and template hooks innermost first). Returns the outermost handler. Consecutive plain
 * MiddlewareMixin layers (all the built-in ones) run fused (mixin-run.ts); each instance still
 * gets its own nested getResponse.
 */
export function buildChain(
  loaded: readonly LoadedMiddleware[],
  dispatch: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
  hooks: DispatchHooks,
  context: MiddlewareContext,
  respond: ExceptionResponder,
): GetResponse {
  let handler = convertExceptionToResponse(dispatch, 'dispatch', respond);
  // The plain mixin layers met since the last other layer (outermost first), and what they wrap.
  let run: MixinLayer[] = [];
  let runInner = handler;
  for (const { name, middleware } of [...loaded].reverse()) {
    const plain = isPlainMixin(middleware);
    // Any other layer wraps the fused run below it.
    if (!plain && run.length > 0) {
      handler = runMixinLayers(run, runInner, respond);
      run = [];
    }
    let layer: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;
    let source: MiddlewareHooks;
    try {
      if (isClass(middleware)) {
        const instance = new middleware(handler, context);
        layer = instance.call.bind(instance);
        source = instance;
      } else {
        const fn = (middleware as MiddlewareFactory)(handler, context);
        if (typeof fn !== 'function') {
          throw new ImproperlyConfigured(`Middleware factory '${name}' returned ${fn === null ? 'null' : typeof fn}, not a function.`);
        }
        layer = fn;
        source = fn;
      }
    } catch (error) {
      if (error instanceof MiddlewareNotUsed) continue;
      throw error;
    }
    const label = name.split('.').pop()!;
    if (source.processView) hooks.view.unshift({ name: label, hook: source.processView.bind(source) });
    if (source.processTemplateResponse) hooks.template.push({ name: label, hook: source.processTemplateResponse.bind(source) });
    if (source.processException) hooks.exception.push({ name: label, hook: source.processException.bind(source) });
    if (plain) {
      if (run.length === 0) runInner = handler;
      run.unshift({ instance: source as MiddlewareMixin, describe: () => `Middleware ${name}` });
    }
    handler = convertExceptionToResponse(layer, name, respond);
  }
  return run.length > 0 ? runMixinLayers(run, runInner, respond) : handler;
}
