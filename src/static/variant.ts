/**
 * Pre-compressed siblings: `app.js.br` / `app.js.gz` next to `app.js` are sent instead of it,
 * with Content-Encoding, when the client accepts them. Siblings go through the same real-path
 * checks as any file, so a `.gz` symlink pointing elsewhere is ignored.
 */
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { preferredEncoding, type HeaderBag } from './negotiate.js';
import { resolveInRoot } from './safe-path.js';

/** Server preference: brotli compresses text better than gzip. */
const ENCODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;

export interface FileVariant {
  /** The file to send (the original or a compressed sibling). */
  readonly path: string;
  readonly stat: Stats;
  /** Content-Encoding to send, if a sibling was chosen. */
  readonly encoding: string | undefined;
  /** True when siblings exist, so the response depends on Accept-Encoding (Vary). */
  readonly varies: boolean;
}

export async function selectVariant(file: { path: string; stat: Stats }, headers: HeaderBag): Promise<FileVariant> {
  const dir = path.dirname(file.path);
  const base = path.basename(file.path);
  const siblings = new Map<string, { path: string; stat: Stats }>();
  for (const { coding, suffix } of ENCODINGS) {
    // Most files have no sibling: a non-throwing stat rules it out without a failed realpath
    // (an Error per lookup) and without a thread-pool round trip. Found ones get the full checks.
    if (!statSync(path.join(dir, base + suffix), { throwIfNoEntry: false })) continue;
    const resolved = await resolveInRoot(dir, [base + suffix]);
    if (resolved.kind === 'file') siblings.set(coding, resolved);
  }
  const coding = preferredEncoding(headers, [...siblings.keys()]);
  const chosen = coding === undefined ? undefined : siblings.get(coding);
  return chosen
    ? { path: chosen.path, stat: chosen.stat, encoding: coding, varies: true }
    : { path: file.path, stat: file.stat, encoding: undefined, varies: siblings.size > 0 };
}
