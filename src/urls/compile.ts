/**
 * Compiles a loaded URLconf into the tree the resolver walks: each pattern gets its Python-syntax
 * regex (what Django prints), a JavaScript matcher, its converters and its literal prefix, and each
 * include gets a Dispatch over its children.
 */
import type { RouteSpec, UrlconfModule, ViewFunction } from './conf.js';
import type { Converter, ConverterRegistry } from './converters.js';
import { Dispatch } from './dispatch.js';
import type { LoadedUrlconf } from './load.js';
import { compilePattern, literalPrefix } from './regex.js';
import { routeToRegex } from './route.js';

/** One pattern of a chain tried during resolution (what the debug 404 page lists). */
export interface TriedPattern {
  /** The route or regex as written (`blog/<int:year>/`, `^archive/$`). */
  readonly route: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly appName: string | undefined;
  readonly isInclude: boolean;
}

/** `tried[i]` is one attempt: the chain of patterns from the root URLconf inwards. */
export type Tried = ReadonlyArray<ReadonlyArray<TriedPattern>>;

export interface PatternMatch {
  readonly rest: string;
  readonly args: unknown[];
  readonly kwargs: Record<string, unknown>;
}

export class CompiledPattern {
  /** Django's `pattern.regex.pattern`: Python syntax, `^`-anchored for routes, `\Z`-ended for endpoints. */
  readonly regex: string;
  readonly converters: Readonly<Record<string, Converter>>;
  readonly prefix: string;
  readonly #matcher: RegExp;
  /** The named groups in order, read off the first match (iterating `groups` itself is slow in V8). */
  #groupNames: readonly string[] | undefined;
  /** The whole pattern when it is plain text: matched by comparison, as Django's RoutePattern does. */
  readonly #literal: string | undefined;

  constructor(
    readonly spec: RouteSpec,
    readonly isEndpoint: boolean,
    registry: ConverterRegistry,
  ) {
    const built = spec.tokens
      ? routeToRegex(spec.text, spec.tokens, isEndpoint, (name) => registry.get(name))
      : { regex: spec.text, converters: {} };
    this.regex = built.regex;
    this.converters = Object.freeze(built.converters);
    this.prefix = literalPrefix(this.regex);
    // Django 5.2 full-matches an endpoint regex ending in `$`, so `$` cannot accept a trailing newline.
    const full = spec.kind === 'regex' && isEndpoint && this.regex.endsWith('$');
    this.#matcher = compilePattern(full ? `^(?:${this.regex})\\Z` : this.regex);
    this.#literal = literalText(spec, isEndpoint);
  }

  /** Django's RoutePattern/RegexPattern.match(); null means "no match, try the next pattern". */
  match(path: string): PatternMatch | null {
    const literal = this.#literal;
    if (literal !== undefined) {
      if (this.isEndpoint ? path !== literal : !path.startsWith(literal)) return null;
      return { rest: path.slice(literal.length), args: [], kwargs: {} };
    }
    const found = this.#matcher.exec(path);
    if (!found) return null;
    const rest = path.slice(found.index + found[0].length);
    const groups = found.groups;
    // With named groups, positional ones are ignored (Django's rule for re_path).
    if (!groups) return { rest, args: this.spec.kind === 'regex' ? found.slice(1) : [], kwargs: {} };
    this.#groupNames ??= Object.keys(groups);
    const kwargs: Record<string, unknown> = {};
    for (const key of this.#groupNames) {
      const value = groups[key];
      // A group that matched nothing is dropped (an optional rePath group or Express `{…}` part).
      if (value === undefined) continue;
      const converter = this.converters[key];
      try {
        kwargs[key] = converter ? converter.toPython(value) : value;
      } catch {
        return null;
      }
    }
    return { rest, args: [], kwargs };
  }
}

/**
 * The text a pattern matches exactly (endpoint) or as a prefix (include), when it has nothing but
 * text: a `path()` route without converters, or an include regex of plain characters (the root `^/`).
 */
function literalText(spec: RouteSpec, isEndpoint: boolean): string | undefined {
  if (spec.kind === 'route' && spec.tokens?.every((token) => 'text' in token)) {
    return spec.tokens.map((token) => (token as { text: string }).text).join('');
  }
  if (spec.kind === 'regex' && !isEndpoint && /^\^[\w/-]*$/.test(spec.text)) return spec.text.slice(1);
  return undefined;
}

export interface EndpointNode {
  readonly kind: 'endpoint';
  readonly pattern: CompiledPattern;
  readonly callback: ViewFunction;
  readonly defaultArgs: Readonly<Record<string, unknown>>;
  readonly name: string | undefined;
  readonly info: TriedPattern;
}

export interface IncludeNode {
  readonly kind: 'include';
  readonly pattern: CompiledPattern;
  readonly defaultKwargs: Readonly<Record<string, unknown>>;
  readonly appName: string | undefined;
  readonly namespace: string | undefined;
  readonly urlconfName: string;
  readonly module: UrlconfModule | undefined;
  readonly children: readonly UrlNode[];
  readonly dispatch: Dispatch<EndpointNode | IncludeNode>;
  readonly info: TriedPattern;
}

/** Something in urlpatterns that is not a pattern (reported by urls.E004, skipped when resolving). */
export interface InvalidNode {
  readonly kind: 'invalid';
  readonly value: unknown;
}

export type UrlNode = EndpointNode | IncludeNode | InvalidNode;

function info(route: string, fields: Partial<TriedPattern>): TriedPattern {
  return Object.freeze({ route, name: undefined, namespace: undefined, appName: undefined, isInclude: false, ...fields });
}

function includeNode(
  pattern: CompiledPattern,
  urlconf: LoadedUrlconf,
  registry: ConverterRegistry,
  names: { appName: string | undefined; namespace: string | undefined; defaultKwargs: Readonly<Record<string, unknown>> },
): IncludeNode {
  const children = urlconf.entries.map((entry): UrlNode => {
    if (entry.kind === 'invalid') return entry;
    if (entry.kind === 'endpoint') {
      const { decl } = entry;
      const compiled = new CompiledPattern(decl.pattern, true, registry);
      return {
        kind: 'endpoint',
        pattern: compiled,
        callback: decl.callback,
        defaultArgs: decl.defaultArgs,
        name: decl.name,
        info: info(decl.pattern.text, { name: decl.name }),
      };
    }
    const compiled = new CompiledPattern(entry.decl.pattern, false, registry);
    return includeNode(compiled, entry.urlconf, registry, {
      appName: entry.appName,
      namespace: entry.namespace,
      defaultKwargs: entry.decl.defaultKwargs,
    });
  });
  const routable = children.filter((child): child is EndpointNode | IncludeNode => child.kind !== 'invalid');
  return {
    kind: 'include',
    pattern,
    ...names,
    urlconfName: urlconf.name,
    module: urlconf.module,
    children,
    dispatch: new Dispatch(routable, routable.map((child) => child.pattern.prefix)),
    info: info(pattern.spec.text, { namespace: names.namespace, appName: names.appName, isInclude: true }),
  };
}

/** The root node: Django's `URLResolver(RegexPattern(r'^/'), ROOT_URLCONF)`. */
export function compileUrlconf(urlconf: LoadedUrlconf, registry: ConverterRegistry): IncludeNode {
  const root = new CompiledPattern({ kind: 'regex', text: '^/' }, false, registry);
  return includeNode(root, urlconf, registry, { appName: undefined, namespace: undefined, defaultKwargs: {} });
}
