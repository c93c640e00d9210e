/**
 * Resolution (Django's URLResolver.resolve): patterns in order, first match wins, include
 * prefixes consumed level by level, kwargs merged outward. The fast walk only visits the
 * patterns Dispatch says could match; the `tried` list (every pattern, in order) comes from a
 * full walk that runs only when someone reads it.
 */
import type { EndpointNode, IncludeNode, PatternMatch, Tried, TriedPattern } from './compile.js';
import { viewPath, type ViewFunction } from './conf.js';
import { Resolver404 } from './exceptions.js';

interface Hit {
  readonly endpoint: EndpointNode;
  readonly args: unknown[];
  readonly kwargs: Record<string, unknown>;
  readonly captured: Record<string, unknown>;
  readonly extra: Record<string, unknown>;
  readonly appNames: Array<string | undefined>;
  readonly namespaces: Array<string | undefined>;
  readonly route: string;
}

export class ResolverMatch {
  readonly func: ViewFunction;
  readonly args: readonly unknown[];
  readonly kwargs: Readonly<Record<string, unknown>>;
  readonly urlName: string | undefined;
  /** The routes of the chain joined (`blog/<int:year>/`), for logging and monitoring. */
  readonly route: string;
  readonly capturedKwargs: Readonly<Record<string, unknown>>;
  readonly extraKwargs: Readonly<Record<string, unknown>>;
  #tried: Tried | (() => Tried);
  readonly #hit: Hit;

  constructor(hit: Hit, tried: () => Tried) {
    this.func = hit.endpoint.callback;
    this.args = hit.args;
    this.kwargs = hit.kwargs;
    this.urlName = hit.endpoint.name;
    this.route = hit.route;
    this.#hit = hit;
    this.capturedKwargs = hit.captured;
    this.extraKwargs = hit.extra;
    this.#tried = tried;
  }

  // The names below are built when read (debug pages, logging), not for every request.
  get appNames(): readonly string[] {
    return this.#hit.appNames.filter((name): name is string => !!name);
  }

  get namespaces(): readonly string[] {
    return this.#hit.namespaces.filter((name): name is string => !!name);
  }

  get appName(): string {
    return this.appNames.join(':');
  }

  get namespace(): string {
    return this.namespaces.join(':');
  }

  /** How the view is named on the debug 404 page ("Raised by:"); Django's `_func_path`. */
  get funcPath(): string {
    return viewPath(this.func);
  }

  /** `namespace:name`, or funcPath when the pattern has no name. */
  get viewName(): string {
    return [...this.namespaces, this.urlName || this.funcPath].join(':');
  }

  /** The pattern chains tried before (and including) the match. */
  get tried(): Tried {
    if (typeof this.#tried === 'function') this.#tried = this.#tried();
    return this.#tried;
  }
}

/** Django's _join_route: the second route loses its `^` when appended. */
function joinRoute(first: string, second: string): string {
  if (!first) return second;
  return first + (second.startsWith('^') ? second.slice(1) : second);
}

function isEmpty(record: Readonly<Record<string, unknown>>): boolean {
  for (const _ in record) return false;
  return true;
}

/** Merges a child's hit into its parent's match (the success branch of URLResolver.resolve). */
function mergeHit(node: IncludeNode, own: PatternMatch, child: EndpointNode | IncludeNode, sub: Hit): Hit {
  // A level that adds nothing (the root URLconf, usually): the merge would copy `sub` as it is.
  if (child.kind === 'endpoint' && !node.appName && !node.namespace && own.args.length === 0 && isEmpty(own.kwargs) && isEmpty(node.defaultKwargs)) {
    return sub;
  }
  const kwargs = { ...own.kwargs, ...node.defaultKwargs, ...sub.kwargs };
  return {
    endpoint: sub.endpoint,
    // Any named value anywhere in the chain means positional values are dropped.
    args: Object.keys(kwargs).length === 0 ? [...own.args, ...sub.args] : sub.args,
    kwargs,
    captured: sub.captured,
    extra: { ...node.defaultKwargs, ...sub.extra },
    appNames: [node.appName, ...sub.appNames],
    namespaces: [node.namespace, ...sub.namespaces],
    route: joinRoute(child.kind === 'include' ? child.pattern.spec.text : '', sub.route),
  };
}

function endpointHit(endpoint: EndpointNode, found: PatternMatch): Hit {
  return {
    endpoint,
    args: found.args,
    kwargs: { ...found.kwargs, ...endpoint.defaultArgs },
    captured: found.kwargs,
    extra: endpoint.defaultArgs,
    appNames: [],
    namespaces: [],
    route: endpoint.pattern.spec.text,
  };
}

/**
 * Tries `node`'s children against the rest of the path. With `tried`, every child is tried and
 * recorded as Django does; without, only the Dispatch candidates are.
 */
function resolveWithin(node: IncludeNode, own: PatternMatch, tried?: TriedPattern[][]): Hit | undefined {
  const candidates = tried ? node.children : node.dispatch.candidates(own.rest);
  for (const child of candidates) {
    if (child.kind === 'invalid') continue;
    const found = child.pattern.match(own.rest);
    if (!found) {
      tried?.push([child.info]);
      continue;
    }
    let sub: Hit | undefined;
    if (child.kind === 'endpoint') {
      sub = endpointHit(child, found);
      tried?.push([child.info]);
    } else {
      const subTried: TriedPattern[][] | undefined = tried && [];
      sub = resolveWithin(child, found, subTried);
      if (subTried) for (const chain of subTried) tried!.push([child.info, ...chain]);
    }
    if (sub) return mergeHit(node, own, child, sub);
  }
  return undefined;
}

/** Resolves a request path (`/blog/2024/`) against the root node. */
export function resolvePath(root: IncludeNode, path: string): ResolverMatch {
  const own = root.pattern.match(path);
  if (!own) throw new Resolver404(path, []);
  const fullWalk = (): Tried => {
    const tried: TriedPattern[][] = [];
    resolveWithin(root, own, tried);
    return tried;
  };
  const hit = resolveWithin(root, own);
  if (!hit) throw new Resolver404(own.rest, fullWalk);
  return new ResolverMatch(hit, fullWalk);
}
