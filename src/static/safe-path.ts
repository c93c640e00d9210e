/**
 * From a request path to a file inside a root, refusing everything that could leave it: `..`
 * (raw or percent-encoded), NUL bytes, backslashes, dot-files and dot-dirs, and symlinks whose
 * real path is outside the root. The path arrives decoded exactly once (http/path.ts), so
 * `%252e%252e` stays the literal name `%2e%2e`, which simply does not exist.
 */
import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

export type SafePath =
  | { ok: true; segments: string[] }
  /** 400 for paths that try to escape, 404 for hidden names. */
  | { ok: false; status: 400 | 404; reason: string };

/** Splits a decoded relative path into segments that can be joined to a root without escaping it. */
export function splitSafePath(decoded: string): SafePath {
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'The path contains a NUL byte.' };
  if (decoded.includes('\\')) return { ok: false, status: 400, reason: 'The path contains a backslash.' };
  // Empty segments collapse (`a//b` is `a/b`, a leading `/` is dropped), as Django's normpath.
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.includes('..')) return { ok: false, status: 400, reason: 'The path tries to leave its root.' };
  if (segments.some((segment) => segment.startsWith('.'))) return { ok: false, status: 404, reason: 'Hidden files are not served.' };
  return { ok: true, segments };
}

export type Resolved = { kind: 'file'; path: string; stat: Stats } | { kind: 'directory'; path: string } | { kind: 'missing' };

/**
 * Looks `segments` up under `root`. Everything is compared on real paths, so a symlink (or a
 * symlinked parent) that points outside the root, or at a hidden name, counts as missing.
 */
export async function resolveInRoot(root: string, segments: readonly string[]): Promise<Resolved> {
  let rootReal: string;
  let real: string;
  try {
    rootReal = await realpath(root);
    real = await realpath(path.join(rootReal, ...segments));
  } catch {
    return { kind: 'missing' }; // ENOENT, ENOTDIR, ELOOP, EACCES: nothing servable here
  }
  if (!isInside(rootReal, real)) return { kind: 'missing' };
  const relative = path.relative(rootReal, real);
  if (relative !== '' && relative.split(path.sep).some((segment) => segment.startsWith('.'))) return { kind: 'missing' };
  let stats: Stats;
  try {
    stats = await stat(real);
  } catch {
    return { kind: 'missing' };
  }
  if (stats.isDirectory()) return { kind: 'directory', path: real };
  // FIFOs, sockets and devices would block or leak: only regular files are served.
  return stats.isFile() ? { kind: 'file', path: real, stat: stats } : { kind: 'missing' };
}

/** True when `child` is `root` or below it (both real, absolute paths). */
export function isInside(root: string, child: string): boolean {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return child === root || child.startsWith(prefix);
}
