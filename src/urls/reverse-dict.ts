/**
 * What reverse() looks names up in (Django's URLResolver._populate): per include, the reversible
 * forms of every pattern by name and by view, the namespaces below it and the instances of each
 * app name. Built on first use and kept for the life of the resolver.
 */
import type { IncludeNode } from './compile.js';
import type { Converter } from './converters.js';
import { normalize, type Form } from './normalize.js';
import { compilePattern, pyEscape } from './regex.js';

export interface Possibility {
  readonly forms: readonly Form[];
  /** The regex without its leading `^`, prefixes included (what NoReverseMatch lists). */
  readonly pattern: string;
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly converters: Readonly<Record<string, Converter>>;
}

/** Possibilities by pattern name or view function, most recently defined pattern first (as Django). */
export type Lookups = ReadonlyMap<unknown, readonly Possibility[]>;

export interface NamespaceEntry {
  readonly prefix: string;
  readonly node: IncludeNode;
  readonly converters: Readonly<Record<string, Converter>>;
}

export interface Populated {
  readonly lookups: Lookups;
  readonly namespaces: ReadonlyMap<string, NamespaceEntry>;
  readonly apps: ReadonlyMap<string, readonly string[]>;
}

function possibility(pattern: string, defaults: Possibility['defaults'], converters: Possibility['converters']): Possibility {
  return { forms: normalize(pattern), pattern, defaults, converters };
}

function append<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}

export class ReverseIndex {
  readonly #populated = new Map<IncludeNode, Populated>();
  readonly #namespaced = new Map<IncludeNode, Map<string, Lookups>>();
  readonly #rechecks = new Map<Possibility, RegExp>();

  /** The regex a filled-in candidate must match again (Django searches `^{prefix}{pattern}`). */
  recheck(possibility: Possibility, prefix: string): RegExp {
    let regex = this.#rechecks.get(possibility);
    if (!regex) this.#rechecks.set(possibility, (regex = compilePattern(`^${pyEscape(prefix)}${possibility.pattern}`)));
    return regex;
  }

  /** Django's _populate() for one include (patterns visited last to first). */
  of(node: IncludeNode): Populated {
    const cached = this.#populated.get(node);
    if (cached) return cached;
    const lookups = new Map<unknown, Possibility[]>();
    const namespaces = new Map<string, NamespaceEntry>();
    const apps = new Map<string, string[]>();
    for (const child of [...node.children].reverse()) {
      if (child.kind === 'invalid') continue;
      const prefix = child.pattern.regex.replace(/^\^/, '');
      if (child.kind === 'endpoint') {
        const own = possibility(prefix, child.defaultArgs, child.pattern.converters);
        append(lookups, child.callback, own);
        if (child.name !== undefined) append(lookups, child.name, own);
        continue;
      }
      const sub = this.of(child);
      if (child.appName) {
        append(apps, child.appName, child.namespace!);
        namespaces.set(child.namespace!, { prefix, node: child, converters: child.pattern.converters });
        continue;
      }
      for (const [key, list] of sub.lookups) {
        for (const entry of list) {
          const converters = { ...node.pattern.converters, ...child.pattern.converters, ...entry.converters };
          append(lookups, key, possibility(prefix + entry.pattern, { ...entry.defaults, ...child.defaultKwargs }, converters));
        }
      }
      for (const [namespace, entry] of sub.namespaces) {
        namespaces.set(namespace, {
          prefix: prefix + entry.prefix,
          node: entry.node,
          converters: { ...entry.converters, ...child.pattern.converters },
        });
      }
      for (const [appName, instances] of sub.apps) append(apps, appName, ...instances);
    }
    const populated: Populated = { lookups, namespaces, apps };
    this.#populated.set(node, populated);
    return populated;
  }

  /**
   * Django's get_ns_resolver(): `node`'s lookups behind the namespace prefix `nsPattern`. The
   * namespaced include's own default kwargs are not applied here, as in Django.
   */
  namespaced(node: IncludeNode, nsPattern: string, nsConverters: Readonly<Record<string, Converter>>): Lookups {
    let byPattern = this.#namespaced.get(node);
    if (!byPattern) this.#namespaced.set(node, (byPattern = new Map()));
    const cached = byPattern.get(nsPattern);
    if (cached) return cached;
    const lookups = new Map<unknown, Possibility[]>();
    for (const [key, list] of this.of(node).lookups) {
      for (const entry of list) {
        append(lookups, key, possibility(nsPattern + entry.pattern, entry.defaults, { ...nsConverters, ...entry.converters }));
      }
    }
    byPattern.set(nsPattern, lookups);
    return lookups;
  }
}
