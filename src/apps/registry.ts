/**
 * INSTALLED_APPS resolved to folders: `blog` → `<BASE_DIR>/blog/`, `managets.contrib.auth` → our
 * own contrib folder. An app may have an `apps.ts` exporting an AppConfig (checks, label).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ImproperlyConfigured } from '../errors.js';
import type { CheckFunction } from '../checks/registry.js';
import type { ModuleLoader } from '../conf/modules.js';
import { codeRoot } from '../conf/package-root.js';
import type { Settings } from '../conf/settings.js';

export interface AppCheck {
  check: CheckFunction;
  tags?: string[];
  deploy?: boolean;
}

/** What an app's `apps.ts` may export as `default` (or `config`). */
export interface AppConfigInit {
  label?: string;
  verboseName?: string;
  checks?: Array<CheckFunction | AppCheck>;
}

export interface App {
  /** The INSTALLED_APPS entry. */
  readonly name: string;
  /** The last dotted component unless the config says otherwise (Django's app label). */
  readonly label: string;
  /** Absolute folder of the app. */
  readonly path: string;
  readonly checks: readonly AppCheck[];
}

const CONTRIB_PREFIX = 'managets.contrib.';
const CONFIG_FILES = ['apps.ts', 'apps.mts', 'apps.js', 'apps.mjs'];

/** Where an INSTALLED_APPS entry lives on disk. */
export function appDirectory(name: string, baseDir: string): string {
  if (name.startsWith(CONTRIB_PREFIX)) {
    return path.join(codeRoot(), 'contrib', name.slice(CONTRIB_PREFIX.length));
  }
  return path.join(baseDir, ...name.split('.'));
}

export async function loadApps(settings: Settings, loader: ModuleLoader): Promise<App[]> {
  const names = Array.isArray(settings.INSTALLED_APPS) ? settings.INSTALLED_APPS : [];
  const apps: App[] = [];
  const labels = new Set<string>();
  for (const name of names) {
    const dir = appDirectory(name, settings.BASE_DIR);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ImproperlyConfigured(`No installed app named '${name}': the folder ${dir} does not exist.`);
    }
    const init = await loadConfig(dir, loader);
    const label = init.label ?? name.split('.').at(-1)!;
    if (labels.has(label)) {
      throw new ImproperlyConfigured(`Application labels aren't unique, duplicates: ${label}`);
    }
    labels.add(label);
    const checks = (init.checks ?? []).map((c) => (typeof c === 'function' ? { check: c } : c));
    apps.push(Object.freeze({ name, label, path: dir, checks: Object.freeze(checks) }));
  }
  return apps;
}

async function loadConfig(dir: string, loader: ModuleLoader): Promise<AppConfigInit> {
  const file = CONFIG_FILES.map((f) => path.join(dir, f)).find((f) => existsSync(f));
  if (!file) return {};
  const module = await loader.importFile(file);
  return ((module.default ?? module.config ?? {}) as AppConfigInit) || {};
}

/** Command names an app contributes from `management/commands/*.ts`. */
export function appCommandFiles(app: App): Map<string, string> {
  const dir = path.join(app.path, 'management', 'commands');
  const found = new Map<string, string>();
  if (!existsSync(dir)) return found;
  for (const file of readdirSync(dir).sort()) {
    const match = /^([a-z][\w-]*)\.(m?[tj]s)$/.exec(file);
    if (match && !file.endsWith('.d.ts') && !file.startsWith('_')) found.set(match[1]!, path.join(dir, file));
  }
  return found;
}
