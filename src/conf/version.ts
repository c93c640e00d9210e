/** The installed managets version, read from our own package.json once per call site. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';

export function packageVersion(): string {
  const manifest = path.join(packageRoot(), 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
