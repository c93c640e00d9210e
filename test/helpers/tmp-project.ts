/** Copies a fixture project into a temp dir so tests can edit files freely. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './spawn-cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

/**
 * A temp copy of `test/fixtures/<name>`. A `node_modules/managets` link back to this checkout keeps
 * `import ... from 'managets'` working outside the repo.
 */
export function tmpProject(name: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `managets-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  symlinkSync(REPO_ROOT.replace(/\/$/, ''), path.join(modules, 'managets'), 'dir');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
