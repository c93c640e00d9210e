/**
 * Where managets' own files are. Found by walking up from this module rather than by a fixed
 * `../..`: the built package is a bundle whose code may sit at any depth under dist/, and unit
 * tests run the same code from src/ through tsx.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder (the one holding package.json, project_template/, app_template/). */
export function packageRoot(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/** The folder the running code and its assets (contrib templates, migrations) live in: dist/ or src/. */
export function codeRoot(): string {
  const root = packageRoot();
  const [top = ''] = path.relative(root, fileURLToPath(import.meta.url)).split(path.sep);
  return path.join(root, top);
}
