/**
 * What a changed path means: restart the app, clear templates, reload the browser for a static
 * file, or nothing. Pure functions over absolute paths; the watcher and the supervisor use them.
 */
import path from 'node:path';

export type ChangeKind = 'restart' | 'template' | 'static' | 'ignore';

/** Folders never worth watching, at any depth. */
const IGNORED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage']);
/** Logs and SQLite files change while the app runs; reloading on them would loop. */
const IGNORED_FILE = /\.(log|sqlite3?|db)(-journal|-wal|-shm)?$/i;
/** Files whose change means the code or its configuration changed. */
const CODE_FILE = /\.(ts|mts|cts|tsx|js|mjs|cjs|jsx|json)$/i;
/** `.env`, `.env.local`, ...: the child loads them at start, so they restart it. */
const ENV_FILE = /^\.env(\..+)?$/;

/** True for paths the watcher should skip (chokidar's `ignored`), relative to `root` or not. */
export function isIgnoredPath(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  const name = parts.at(-1)!;
  if (IGNORED_FILE.test(name)) return true;
  return parts.some((part, i) => IGNORED_DIRS.has(part) || (part.startsWith('.') && !(i === parts.length - 1 && ENV_FILE.test(part))));
}

export interface ClassifyConfig {
  templateDirs: readonly string[];
  staticDirs: readonly string[];
  /** Absolute paths (a folder covers what is inside) or `*.ext` suffix patterns. */
  ignored: readonly string[];
  /** Files that failed to import: always a restart. */
  errorFiles: ReadonlySet<string>;
}

export function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

export function classifyChange(file: string, config: ClassifyConfig): ChangeKind {
  if (config.errorFiles.has(file)) return 'restart';
  const ignoredEntry = config.ignored.some((entry) => (entry.startsWith('*') ? file.endsWith(entry.slice(1)) : isInside(file, entry)));
  if (ignoredEntry) return 'ignore';
  if (config.staticDirs.some((dir) => isInside(file, dir))) return 'static';
  // Code inside a template folder is still code (Django's rule: only non-.py files are templates).
  if (CODE_FILE.test(file) || ENV_FILE.test(path.basename(file))) return 'restart';
  if (config.templateDirs.some((dir) => isInside(file, dir))) return 'template';
  return 'ignore';
}
