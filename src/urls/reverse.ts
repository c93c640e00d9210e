/**
 * reverse() (Django's django.urls.base.reverse and URLResolver._reverse_with_prefix): walk the
 * `app:name` namespaces, then try each candidate form: arguments must fit, values go through the
 * converters' toUrl(), the result must match the pattern again, and it is quoted like Django.
 */
import { isDeepStrictEqual } from 'node:util';
import type { IncludeNode } from './compile.js';
import { viewPath, type ViewFunction } from './conf.js';
import type { Converter } from './converters.js';
import { NoReverseMatch } from './exceptions.js';
import type { Form } from './normalize.js';
import { pyRepr, pyReprTuple, pyStr } from '../http/pyrepr.js';
import { escapeLeadingSlashes, quote, URL_SAFE, urlencode, type QueryInput } from './quote.js';
import type { Lookups, Possibility, ReverseIndex } from './reverse-dict.js';

export interface ReverseOptions {
  args?: readonly unknown[];
  kwargs?: Readonly<Record<string, unknown>>;
  /** The namespace instance to prefer for an app namespace (`request.resolverMatch.namespace`). */
  currentApp?: string;
  /** Appended as `?…` (lists give repeated keys) when it encodes to something. */
  query?: QueryInput | null;
  /** Appended as `#…`, unquoted. */
  fragment?: string | null;
}

/** Django's script prefix; managets serves at the root. */
const PREFIX = '/';

/** Fills a form with the text values; undefined when the form needs a value it was not given. */
function fill(form: Form, values: Readonly<Record<string, string>>): string | undefined {
  let out = PREFIX;
  for (const part of form.parts) {
    if (typeof part === 'string') out += part;
    else if (part.param in values) out += values[part.param];
    else return undefined;
  }
  return out;
}

/** The arguments for `form` by name, or undefined when they do not fit it. */
function candidateSubs(form: Form, possibility: Possibility, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>) {
  if (args.length > 0) {
    if (args.length !== form.params.length) return undefined;
    return Object.fromEntries(form.params.map((param, i) => [param, args[i]]));
  }
  const params = new Set(form.params);
  const given = Object.keys(kwargs);
  const difference = [...given.filter((k) => !params.has(k)), ...form.params.filter((p) => !(p in kwargs))];
  if (difference.some((k) => !(k in possibility.defaults))) return undefined;
  for (const [key, value] of Object.entries(possibility.defaults)) {
    if (!params.has(key) && key in kwargs && !isDeepStrictEqual(kwargs[key], value)) return undefined;
  }
  return kwargs;
}

function toText(subs: Readonly<Record<string, unknown>>, converters: Readonly<Record<string, Converter>>) {
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(subs)) {
    const converter = converters[key];
    try {
      text[key] = converter ? converter.toUrl(value) : pyStr(value);
    } catch {
      return undefined;
    }
  }
  return text;
}

function notFound(lookupView: unknown, possibilities: readonly Possibility[], args: readonly unknown[], kwargs: object): NoReverseMatch {
  const view = typeof lookupView === 'function' ? viewPath(lookupView) : String(lookupView);
  if (possibilities.length === 0) {
    return new NoReverseMatch(`Reverse for '${view}' not found. '${view}' is not a valid view function or pattern name.`);
  }
  const argMsg =
    args.length > 0
      ? `arguments '${pyReprTuple(args)}'`
      : Object.keys(kwargs).length > 0
        ? `keyword arguments '${pyRepr(kwargs)}'`
        : 'no arguments';
  const patterns = possibilities.map((p) => p.pattern);
  return new NoReverseMatch(`Reverse for '${view}' with ${argMsg} not found. ${patterns.length} pattern(s) tried: ${pyRepr(patterns)}`);
}

/** Django's _reverse_with_prefix(). */
function reverseWithPrefix(
  index: ReverseIndex,
  lookups: Lookups,
  lookupView: unknown,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
): string {
  const possibilities = lookups.get(lookupView) ?? [];
  for (const possibility of possibilities) {
    for (const form of possibility.forms) {
      const subs = candidateSubs(form, possibility, args, kwargs);
      const text = subs && toText(subs, possibility.converters);
      const candidate = text && fill(form, text);
      if (candidate === undefined) continue;
      if (index.recheck(possibility, PREFIX).test(candidate)) return escapeLeadingSlashes(quote(candidate, URL_SAFE));
    }
  }
  throw notFound(lookupView, possibilities, args, kwargs);
}

/** Walks `app:instance:name` down the namespaces; returns the lookups to search and the name. */
function walkNamespaces(root: IncludeNode, index: ReverseIndex, viewname: string, currentApp: string | undefined) {
  const path = viewname.split(':');
  const view = path.pop()!;
  let currentPath = currentApp ? currentApp.split(':').reverse() : undefined;
  const resolvedPath: string[] = [];
  let nsPattern = '';
  const nsConverters: Record<string, Converter> = {};
  let node = root;
  for (let ns of path) {
    const currentNs = currentPath?.length ? currentPath.pop() : undefined;
    const instances = index.of(node).apps.get(ns);
    if (instances) {
      // An app namespace: the current instance if it is one, else the default (or first) instance.
      if (currentNs && instances.includes(currentNs)) ns = currentNs;
      else if (!instances.includes(ns)) ns = instances[0]!;
    }
    if (ns !== currentNs) currentPath = undefined;
    const entry = index.of(node).namespaces.get(ns);
    if (!entry) {
      const inside = resolvedPath.length > 0 ? ` inside '${resolvedPath.join(':')}'` : '';
      throw new NoReverseMatch(`${pyRepr(ns)} is not a registered namespace${inside}`);
    }
    resolvedPath.push(ns);
    nsPattern += entry.prefix;
    Object.assign(nsConverters, entry.converters);
    node = entry.node;
  }
  const lookups = nsPattern ? index.namespaced(node, nsPattern, nsConverters) : index.of(node).lookups;
  return { lookups, view };
}

/** reverse() against the resolver rooted at `root`. */
export function reverseUrl(
  root: IncludeNode,
  index: ReverseIndex,
  viewname: string | ViewFunction,
  options: ReverseOptions = {},
): string {
  const args = options.args ?? [];
  const kwargs = options.kwargs ?? {};
  if (args.length > 0 && Object.keys(kwargs).length > 0) throw new TypeError("Don't mix *args and **kwargs in call to reverse()!");
  const { lookups, view } =
    typeof viewname === 'string'
      ? walkNamespaces(root, index, viewname, options.currentApp)
      : { lookups: index.of(root).lookups, view: viewname };
  let url = reverseWithPrefix(index, lookups, view, args, kwargs);
  if (options.query !== undefined && options.query !== null) {
    const query = urlencode(options.query);
    if (query) url += `?${query}`;
  }
  if (options.fragment !== undefined && options.fragment !== null) url += `#${options.fragment}`;
  return url;
}
