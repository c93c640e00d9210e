/**
 * The check registry: tagged check functions, run together. A check that throws becomes a
 * CRITICAL message naming it, so one broken check never hides the others.
 */
import { CheckMessage, CRITICAL } from './messages.js';
import type { CheckContext } from './context.js';

export type CheckFunction = (context: CheckContext) => CheckMessage[] | Promise<CheckMessage[]>;

export interface RegisteredCheck {
  check: CheckFunction;
  tags: readonly string[];
  deploy: boolean;
  name: string;
}

/** Built-in tag names (Django's Tags). */
export const Tags = Object.freeze({
  settings: 'settings',
  urls: 'urls',
  templates: 'templates',
  staticfiles: 'staticfiles',
  security: 'security',
  middleware: 'middleware',
  database: 'database',
  migrations: 'migrations',
  compatibility: 'compatibility',
});

export class CheckRegistry {
  readonly #checks: RegisteredCheck[] = [];

  register(check: CheckFunction, options: { tags?: readonly string[]; deploy?: boolean; name?: string } = {}): void {
    this.#checks.push({
      check,
      tags: options.tags ?? [],
      deploy: options.deploy ?? false,
      name: options.name ?? (check.name || 'anonymous check'),
    });
  }

  /** Tags known to this registry (deploy-only checks included only when asked). */
  tags(includeDeploy = false): string[] {
    const tags = new Set<string>();
    for (const entry of this.#checks) if (includeDeploy || !entry.deploy) entry.tags.forEach((t) => tags.add(t));
    return [...tags].sort();
  }

  /** Runs the checks matching `tags` (all when omitted); deploy checks only with `includeDeploy`. */
  async run(context: CheckContext, options: { tags?: readonly string[]; includeDeploy?: boolean } = {}): Promise<CheckMessage[]> {
    const wanted = options.tags && options.tags.length > 0 ? new Set(options.tags) : undefined;
    const selected = this.#checks.filter(
      (entry) =>
        (options.includeDeploy || !entry.deploy) && (!wanted || entry.tags.some((tag) => wanted.has(tag))),
    );
    const results = await Promise.all(selected.map((entry) => runOne(entry, context)));
    return results.flat();
  }
}

async function runOne(entry: RegisteredCheck, context: CheckContext): Promise<CheckMessage[]> {
  try {
    const messages = await entry.check(context);
    if (!Array.isArray(messages)) {
      return [
        new CheckMessage(
          CRITICAL,
          `The function ${entry.name} did not return a list. All functions registered with the checks registry must return a list.`,
          { id: 'checks.C001' },
        ),
      ];
    }
    return messages;
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return [new CheckMessage(CRITICAL, `The check ${entry.name} raised ${detail}`, { id: 'checks.C002' })];
  }
}
