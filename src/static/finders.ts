/**
 * Django's staticfiles finders: STATICFILES_DIRS (relative to BASE_DIR) first, then the `static/`
 * folder of each installed app in INSTALLED_APPS order. The first root holding a path wins, so a
 * project can override an app's file, and an earlier app a later one's.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { App } from '../apps/registry.js';
import { resolveInRoot, splitSafePath, type Resolved } from './safe-path.js';

/** The folder inside each app that holds its static files. */
const APP_STATIC_DIR = 'static';

/** Absolute search roots, in order. Missing STATICFILES_DIRS entries stay (check W004 reports them). */
export function staticRoots(settings: { readonly STATICFILES_DIRS?: unknown; readonly BASE_DIR: string }, apps: readonly Pick<App, 'path'>[]): string[] {
  const dirs = Array.isArray(settings.STATICFILES_DIRS) ? settings.STATICFILES_DIRS.filter((dir): dir is string => typeof dir === 'string') : [];
  const roots = dirs.map((dir) => path.resolve(settings.BASE_DIR, dir));
  for (const app of apps) {
    const dir = path.join(app.path, APP_STATIC_DIR);
    if (existsSync(dir) && statSync(dir).isDirectory()) roots.push(dir);
  }
  return [...new Set(roots)];
}

export type Found = Exclude<Resolved, { kind: 'missing' }>;

/** Where `segments` exist (file or directory): the first root only, or every root with `all`. */
export async function findInRoots(roots: readonly string[], segments: readonly string[], all = false): Promise<Found[]> {
  const found: Found[] = [];
  for (const root of roots) {
    const resolved = await resolveInRoot(root, segments);
    if (resolved.kind === 'missing') continue;
    found.push(resolved);
    if (!all) break;
  }
  return found;
}

/** findstatic: the real paths of a relative path such as `css/site.css` (hostile paths find nothing). */
export async function findStatic(roots: readonly string[], relative: string, all = false): Promise<string[]> {
  const safe = splitSafePath(relative);
  if (!safe.ok) return [];
  return (await findInRoots(roots, safe.segments, all)).map((found) => found.path);
}

/** Django's default ignore patterns (`CVS`, `.*`, `*~`), applied to every file and folder name. */
function isIgnored(name: string): boolean {
  return name === 'CVS' || name.startsWith('.') || name.endsWith('~');
}

export interface ListedFile {
  /** Relative to its root, with `/` separators: the destination path under STATIC_ROOT. */
  readonly relative: string;
  readonly source: string;
}

/**
 * Every servable file under one root, files before subfolders, names sorted. Symlinks are
 * followed only while their target stays inside the root, like the handler serves them.
 */
export async function listRoot(root: string, prefix = ''): Promise<ListedFile[]> {
  const dir = path.join(root, prefix);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // a missing STATICFILES_DIRS entry is skipped, as Django does
  }
  const files: ListedFile[] = [];
  const folders: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (isIgnored(entry.name)) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const resolved = await resolveInRoot(root, relative.split('/'));
    if (resolved.kind === 'file') files.push({ relative, source: path.join(root, ...relative.split('/')) });
    else if (resolved.kind === 'directory' && !entry.isSymbolicLink()) folders.push(relative);
  }
  for (const folder of folders) files.push(...(await listRoot(root, folder)));
  return files;
}
