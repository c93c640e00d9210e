/**
 * The migration graph (Django's MigrationGraph): nodes are migrations, edges their dependencies.
 * Each migration implicitly depends on its app's migrations with the next lower number, so two
 * files with the same number are two leaves: a conflict until a later migration follows both.
 */
import { keyOf, type Migration } from './migration.js';

export interface GraphProblem {
  readonly kind: 'missing' | 'conflict' | 'cycle';
  readonly message: string;
  readonly hint?: string;
  /** The migration the problem is about (key), or the app for conflicts. */
  readonly obj: string;
}

interface Node {
  readonly migration: Migration;
  readonly parents: string[];
  readonly children: string[];
}

export class MigrationGraph {
  readonly #nodes = new Map<string, Node>();
  readonly problems: GraphProblem[] = [];

  constructor(migrations: readonly Migration[]) {
    for (const migration of migrations) {
      this.#nodes.set(keyOf(migration.app, migration.name), { migration, parents: [], children: [] });
    }
    for (const migration of migrations) this.#link(migration, migrations);
    for (const [app, leaves] of this.#appLeaves()) {
      if (leaves.length > 1) {
        this.problems.push({
          kind: 'conflict',
          obj: app,
          message: `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${leaves
            .map((key) => this.get(key).name)
            .join(', ')} in ${app}).`,
          hint: `Add a migration numbered after them, which depends on both: manage makemigrations ${app} --empty --name merge`,
        });
      }
    }
    const cycle = this.#findCycle();
    if (cycle) {
      this.problems.push({ kind: 'cycle', obj: cycle[0]!, message: `Circular dependency between migrations: ${cycle.join(' -> ')}.` });
    }
  }

  has(key: string): boolean {
    return this.#nodes.has(key);
  }

  get(key: string): Migration {
    const node = this.#nodes.get(key);
    if (!node) throw new Error(`No migration ${key} in the graph.`);
    return node.migration;
  }

  keys(app?: string): string[] {
    return [...this.#nodes.values()].filter((n) => app === undefined || n.migration.app === app).map(nodeKey);
  }

  /** Apps that have migrations, in INSTALLED_APPS order. */
  apps(): string[] {
    return [...new Set([...this.#nodes.values()].map((n) => n.migration.app))];
  }

  /** Migrations of `app` (all apps when omitted) that nothing in the same app depends on. */
  leafNodes(app?: string): string[] {
    return [...this.#appLeaves()].filter(([label]) => app === undefined || label === app).flatMap(([, leaves]) => leaves);
  }

  /** Migrations of `app` with no parent in the same app. */
  rootNodes(app: string): string[] {
    return this.keys(app).filter((key) => this.#nodes.get(key)!.parents.every((parent) => !parent.startsWith(`${app}.`)));
  }

  /** `key` and everything it needs, dependencies first. */
  forwardsPlan(key: string): string[] {
    return this.#walk(key, (node) => node.parents);
  }

  /** `key` and everything that needs it, dependents first. */
  backwardsPlan(key: string): string[] {
    return this.#walk(key, (node) => node.children);
  }

  /** Children of `key` within its own app. */
  appChildren(key: string): string[] {
    const app = this.get(key).app;
    return this.#nodes.get(key)!.children.filter((child) => this.get(child).app === app).sort();
  }

  #link(migration: Migration, all: readonly Migration[]): void {
    const key = keyOf(migration.app, migration.name);
    const previous = all.filter((m) => m.app === migration.app && m.number < migration.number);
    const highest = Math.max(...previous.map((m) => m.number));
    const parents = [
      ...previous.filter((m) => m.number === highest).map((m) => keyOf(m.app, m.name)),
      ...migration.dependencies.map(([app, name]) => keyOf(app, name)),
    ];
    for (const parent of new Set(parents)) {
      const parentNode = this.#nodes.get(parent);
      if (!parentNode) {
        const [app, name] = parent.split('.');
        this.problems.push({
          kind: 'missing',
          obj: key,
          message: `Migration ${key} dependencies reference nonexistent parent node ('${app}', '${name}').`,
        });
        continue;
      }
      this.#nodes.get(key)!.parents.push(parent);
      parentNode.children.push(key);
    }
  }

  #appLeaves(): Map<string, string[]> {
    const leaves = new Map<string, string[]>();
    for (const [key, node] of this.#nodes) {
      const app = node.migration.app;
      if (!leaves.has(app)) leaves.set(app, []);
      if (node.children.every((child) => this.#nodes.get(child)!.migration.app !== app)) leaves.get(app)!.push(key);
    }
    return leaves;
  }

  /** Post-order depth-first walk: with `parents`, a valid apply order ending in `key`. */
  #walk(key: string, next: (node: Node) => string[]): string[] {
    const order: string[] = [];
    const seen = new Set<string>();
    const visit = (current: string) => {
      if (seen.has(current)) return;
      seen.add(current);
      for (const neighbour of [...next(this.#nodes.get(current)!)].sort()) visit(neighbour);
      order.push(current);
    };
    visit(key);
    return order;
  }

  #findCycle(): string[] | undefined {
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (key: string): string[] | undefined => {
      if (state.get(key) === 'done') return undefined;
      if (state.get(key) === 'visiting') return [...stack.slice(stack.indexOf(key)), key];
      state.set(key, 'visiting');
      stack.push(key);
      for (const parent of this.#nodes.get(key)!.parents) {
        const cycle = visit(parent);
        if (cycle) return cycle;
      }
      stack.pop();
      state.set(key, 'done');
      return undefined;
    };
    for (const key of this.#nodes.keys()) {
      const cycle = visit(key);
      if (cycle) return cycle;
    }
    return undefined;
  }
}

const nodeKey = (node: Node): string => keyOf(node.migration.app, node.migration.name);
