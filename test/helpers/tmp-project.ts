/** Copies a fixture project into a temp dir so tests can edit files freely. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './spawn-cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** Left behind at a project's top level by running it in place: never copied. */
const LOCAL_STATE = new Set(['node_modules', 'db.sqlite3', 'db.sqlite3-wal', 'db.sqlite3-shm', 'staticfiles']);

/**
 * A temp copy of the project folder `source`. A `node_modules/managets` link back to this checkout
 * keeps `import ... from 'managets'` working outside the repo.
 */
export function tmpCopy(source: string, label = path.basename(source)): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `managets-${label}-`));
  cpSync(source, dir, { recursive: true, filter: (file) => !LOCAL_STATE.has(path.relative(source, file)) });
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  symlinkSync(REPO_ROOT.replace(/\/$/, ''), path.join(modules, 'managets'), 'dir');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temp copy of `test/fixtures/<name>`. */
export function tmpProject(name: string): { dir: string; cleanup(): void } {
  return tmpCopy(path.join(FIXTURES, name), name);
}
