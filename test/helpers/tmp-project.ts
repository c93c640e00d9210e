/** Copies a fixture project into a temp dir so tests can edit files freely. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runProcess, type RunResult } from './spawn-cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

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

/** A temp copy of `test/fixtures/<name>`, with managets linked in. */
export function tmpProject(name: string): { dir: string; cleanup(): void } {
  const project = tmpDir(name);
  cpSync(path.join(FIXTURES, name), project.dir, { recursive: true });
  linkManagets(project.dir);
  return project;
}

/** Type-checks a project with its own tsconfig, as its editor would (@types/node linked in as npm would). */
export function typeCheck(dir: string): Promise<RunResult> {
  const types = path.join(dir, 'node_modules', '@types');
  if (!existsSync(types)) symlinkSync(path.join(REPO_ROOT, 'node_modules', '@types'), types, 'dir');
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  return runProcess(process.execPath, [tsc, '-p', dir], { cwd: dir, timeoutMs: 60_000 });
}
