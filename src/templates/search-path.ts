/**
 * Where templates are looked up: an engine's DIRS, then (APP_DIRS) each installed app's
 * `templates/` folder in INSTALLED_APPS order. The first file found wins, as with Django's
 * filesystem and app_directories loaders, so earlier directories override later ones.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../apps/registry.js';
import type { TemplateAttempt } from './errors.js';

export interface TemplateDir {
  readonly path: string;
  readonly loader: 'filesystem' | 'app_directories';
  readonly app?: string;
}

/** The engine's search path: DIRS (relative to the project root) then the apps' `templates/`. */
export function templateDirs(dirs: readonly string[], appDirs: boolean, apps: readonly App[], baseDir: string): TemplateDir[] {
  const found: TemplateDir[] = dirs.map((dir) => ({ path: path.resolve(baseDir, dir), loader: 'filesystem' }));
  if (appDirs) {
    for (const app of apps) found.push({ path: path.join(app.path, 'templates'), loader: 'app_directories', app: app.name });
  }
  return found;
}

/** Eta's convention: a name without an extension means `.eta`. */
const DEFAULT_EXTENSION = '.eta';

/**
 * The canonical template name for `name` as written in a view or an include()/layout() call.
 * `./x` and `../x` are relative to the including template's name (not its folder on disk, so a
 * partial can still be overridden by an earlier directory); a leading `/` means "from the root".
 */
export function normalizeTemplateName(name: string, includer: string | undefined): string {
  let normalized = name;
  if (includer !== undefined && (name.startsWith('./') || name.startsWith('../'))) {
    normalized = path.posix.join(path.posix.dirname(includer), name);
  }
  normalized = path.posix.normalize(normalized.replace(/^\/+/, ''));
  return path.posix.extname(normalized) ? normalized : normalized + DEFAULT_EXTENSION;
}

export type Lookup = { file: string; tried?: undefined } | { file?: undefined; tried: TemplateAttempt[] };

/**
 * The first existing file named `name` in `dirs`. A name that would leave a directory (`..`,
 * an absolute path, a NUL byte) is never opened there: Django's safe_join skips such a directory.
 */
export function findTemplate(name: string, dirs: readonly TemplateDir[], engine: string): Lookup {
  const tried: TemplateAttempt[] = [];
  for (const dir of dirs) {
    const file = path.join(dir.path, name);
    const attempt: TemplateAttempt = { engine, loader: dir.loader, ...(dir.app ? { app: dir.app } : {}), name, path: file, status: 'Source does not exist' };
    if (!isInside(dir.path, file) || name.includes('\0')) {
      tried.push({ ...attempt, status: 'Outside the template directory' });
      continue;
    }
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) return { file };
    tried.push(attempt);
  }
  return { tried };
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
