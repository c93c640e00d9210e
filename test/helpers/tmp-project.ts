/** Copies a fixture project into a temp dir so tests can edit files freely. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runProcess, type RunResult } from './spawn-cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** Left behind at a project's top level by running it in place: never copied. */
const LOCAL_STATE = new Set(['node_modules', 'db.sqlite3', 'db.sqlite3-wal', 'db.sqlite3-shm', 'staticfiles']);

/** An empty temp directory, for scaffolding a project from nothing. */
export function tmpDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `managets-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Installs this checkout into `dir` as npm would: `node_modules/managets` links back here, so
 * `import ... from 'managets'` (and `--import managets/register`) work outside the repo.
 */
export function linkManagets(dir: string): void {
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  symlinkSync(REPO_ROOT.replace(/\/$/, ''), path.join(modules, 'managets'), 'dir');
}

/** A temp copy of the project folder `source` (without its local state), with managets linked in. */
export function tmpCopy(source: string, label = path.basename(source)): { dir: string; cleanup(): void } {
  const project = tmpDir(label);
  cpSync(source, project.dir, { recursive: true, filter: (file) => !LOCAL_STATE.has(path.relative(source, file)) });
  linkManagets(project.dir);
  return project;
}

/** A temp copy of `test/fixtures/<name>`, with managets linked in. */
export function tmpProject(name: string): { dir: string; cleanup(): void } {
  return tmpCopy(path.join(FIXTURES, name), name);
}

/** Type-checks a project with its own tsconfig, as its editor would (@types/node linked in as npm would). */
export function typeCheck(dir: string): Promise<RunResult> {
  const types = path.join(dir, 'node_modules', '@types');
  if (!existsSync(types)) symlinkSync(path.join(REPO_ROOT, 'node_modules', '@types'), types, 'dir');
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  return runProcess(process.execPath, [tsc, '-p', dir], { cwd: dir, timeoutMs: 60_000 });
}
