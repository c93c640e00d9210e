/**
 * What a URLconf module calls: path(), rePath(), expressPath() and include() (Django's
 * django.urls.conf). They only record what was written; converters are looked up and regexes
 * compiled when a resolver is built from the module (see compile.ts).
 */
import { ImproperlyConfigured } from '../errors.js';
import { pyTypeName } from '../http/pyrepr.js';
import { parseExpressRoute, parseRoute, type RouteToken } from './route.js';

/** A view as the router sees it; the request pipeline decides what it is called with. */
export type ViewFunction = (request: any, ...args: any[]) => unknown;

/** What a URLconf module exports. */
export interface UrlconfModule {
  readonly urlpatterns?: unknown;
  readonly appName?: unknown;
  readonly [name: string]: unknown;
}

/** A module's dotted name, the module itself, or a list of patterns. */
export type UrlconfTarget = string | UrlconfModule | readonly unknown[];

/** How a pattern was written: `str(pattern)` is `text`. */
export interface RouteSpec {
  readonly kind: 'route' | 'regex' | 'express';
  readonly text: string;
  /** Parsed tokens of a route or Express route; absent for a regex. */
  readonly tokens?: readonly RouteToken[];
}

/**
 * Tells pattern objects apart by a registry symbol, not instanceof: a project imports managets'
 * built copy while in-repo tests use the sources, and both must read the same URLconf.
 */
const KIND = Symbol.for('managets.urls.kind');

function hasKind(value: unknown, kind: string): boolean {
  return value !== null && typeof value === 'object' && (value as { [KIND]?: unknown })[KIND] === kind;
}

export interface PathOptions {
  name?: string;
  kwargs?: Readonly<Record<string, unknown>>;
}

/** The result of include(): the patterns to mount and the names to mount them under. */
export class Include {
  readonly [KIND] = 'include()';

  constructor(
    readonly target: UrlconfTarget,
    readonly tupleAppName: string | undefined,
    readonly namespace: string | undefined,
  ) {
    Object.freeze(this);
  }

  /** Django's include() naming rules, given the module once it is loaded. */
  names(module: UrlconfTarget): { appName: string | undefined; namespace: string | undefined } {
    const declared = isModuleLike(module) && typeof module.appName === 'string' ? module.appName : undefined;
    const appName = declared ?? this.tupleAppName;
    if (this.namespace && !appName) {
      throw new ImproperlyConfigured(
        'Specifying a namespace in include() without providing an app_name is not supported. Set the appName ' +
          'export in the included module, or pass a 2-tuple containing the list of patterns and app_name instead.',
      );
    }
    return { appName, namespace: this.namespace || appName };
  }
}

/** An endpoint: path()/rePath() with a view. */
export class URLPattern {
  readonly [KIND] = 'endpoint';

  constructor(
    readonly pattern: RouteSpec,
    readonly callback: ViewFunction,
    readonly defaultArgs: Readonly<Record<string, unknown>>,
    readonly name: string | undefined,
  ) {
    Object.freeze(this);
  }
}

/** A prefix: path()/rePath() with include(). */
export class URLInclude {
  readonly [KIND] = 'include';

  constructor(
    readonly pattern: RouteSpec,
    readonly include: Include,
    readonly defaultKwargs: Readonly<Record<string, unknown>>,
  ) {
    Object.freeze(this);
  }
}

export const isInclude = (value: unknown): value is Include => hasKind(value, 'include()');
export const isURLPattern = (value: unknown): value is URLPattern => hasKind(value, 'endpoint');
export const isURLInclude = (value: unknown): value is URLInclude => hasKind(value, 'include');

export function isModuleLike(value: unknown): value is UrlconfModule {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    'urlpatterns' in value &&
    !isURLPattern(value) &&
    !isURLInclude(value)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A class-based view instance (its class has asView()) passed where asView() was meant. */
function viewInstanceName(view: unknown): string | undefined {
  if (view === null || typeof view !== 'object') return undefined;
  const cls = (view as { constructor?: { asView?: unknown; name?: string } }).constructor;
  return typeof cls?.asView === 'function' ? cls.name : undefined;
}

function makePattern(spec: RouteSpec, view: ViewFunction | Include, options: PathOptions = {}): URLPattern | URLInclude {
  const kwargs = options.kwargs ?? {};
  if (!isPlainObject(kwargs)) throw new TypeError(`kwargs argument must be a dict, but got ${pyTypeName(kwargs)}.`);
  if (isInclude(view)) return new URLInclude(spec, view, Object.freeze({ ...kwargs }));
  if (typeof view === 'function') return new URLPattern(spec, view, Object.freeze({ ...kwargs }), options.name);
  const instance = viewInstanceName(view);
  if (instance) throw new TypeError(`view must be a callable, pass ${instance}.asView(), not new ${instance}().`);
  throw new TypeError('view must be a callable or a list/tuple in the case of include().');
}

/** Django's path(): `blog/<int:year>/`. */
export function path(route: string, view: ViewFunction | Include, options?: PathOptions): URLPattern | URLInclude {
  const text = String(route);
  return makePattern({ kind: 'route', text, tokens: parseRoute(text) }, view, options);
}

/** Django's re_path(): a Python-syntax regex (`^archive/(?P<year>[0-9]{4})/$`). */
export function rePath(regex: string, view: ViewFunction | Include, options?: PathOptions): URLPattern | URLInclude {
  return makePattern({ kind: 'regex', text: String(regex) }, view, options);
}

/**
 * An Express-style route parsed by path-to-regexp (`users/:id{/:tab}`, `files/*rest`), matched
 * with Django's rules: exact, relative (a leading `/` is dropped), `:x` as `str`, `*x` as `path`.
 */
export function expressPath(route: string, view: ViewFunction | Include, options?: PathOptions): URLPattern | URLInclude {
  const text = String(route).replace(/^\//, '');
  return makePattern({ kind: 'express', text, tokens: parseExpressRoute(text) }, view, options);
}

function isIncludeTuple(arg: readonly unknown[]): boolean {
  const [first, second] = arg;
  return Array.isArray(first) || isModuleLike(first) || (arg.length === 2 && typeof first === 'string' && typeof second === 'string');
}

/**
 * Django's include(): a dotted module name (loaded when the resolver is built), a module, a
 * list of patterns, or `[patterns, appName]` (Django's 2-tuple).
 */
export function include(
  arg: UrlconfTarget | readonly [UrlconfTarget, string],
  options: { namespace?: string } = {},
): Include {
  let target: UrlconfTarget = arg as UrlconfTarget;
  let tupleAppName: string | undefined;
  if (Array.isArray(arg) && isIncludeTuple(arg)) {
    if (arg.length !== 2) {
      if (options.namespace) {
        throw new ImproperlyConfigured('Cannot override the namespace for a dynamic module that provides a namespace.');
      }
      throw new ImproperlyConfigured(
        `Passing a ${arg.length}-tuple to include() is not supported. Pass a 2-tuple containing the list of patterns ` +
          'and app_name, and provide the namespace argument to include() instead.',
      );
    }
    [target, tupleAppName] = arg as [UrlconfTarget, string];
  }
  const result = new Include(target, tupleAppName, options.namespace);
  if (typeof target !== 'string') result.names(target);
  return result;
}

/**
 * How messages name a view: Django prints `module.qualname`; a JavaScript function only knows
 * its name. asView() results are named after their class through `viewClass`, as in Django.
 */
export function viewPath(view: unknown): string {
  const target = (view as { viewClass?: unknown } | undefined)?.viewClass ?? view;
  const name = typeof target === 'function' ? target.name : '';
  return name || '<anonymous>';
}
