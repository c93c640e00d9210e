/** The installed managets version, read from our own package.json once per call site. */
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const manifest = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
