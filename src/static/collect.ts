/**
 * collectstatic's work (Django's Command.collect): copy or symlink every file the finders list
 * into STATIC_ROOT, first root wins, skipping targets at least as new as their source. Messages go
 * through `log(message, level)` so the command decides what its verbosity shows.
 */
import { copyFile, lstat, mkdir, readdir, stat, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { listRoot } from './finders.js';
import { isInside } from './safe-path.js';

export interface CollectOptions {
  readonly roots: readonly string[];
  /** Absolute STATIC_ROOT. */
  readonly destination: string;
  readonly clear: boolean;
  readonly dryRun: boolean;
  readonly link: boolean;
  readonly log: (message: string, level: number) => void;
}

export interface CollectResult {
  /** Copied or linked, as destination-relative paths. */
  readonly modified: string[];
  readonly unmodified: string[];
}

export async function collectStatic(options: CollectOptions): Promise<CollectResult> {
  const { destination, dryRun, link, log } = options;
  if (options.clear) await clearDir(destination, '', dryRun, log);
  const modified: string[] = [];
  const unmodified: string[] = [];
  const seen = new Set<string>();
  for (const root of options.roots) {
    for (const file of await listRoot(root)) {
      // STATIC_ROOT inside a source folder would otherwise collect its own copies, one level deeper each run.
      if (isInside(destination, file.source)) continue;
      if (seen.has(file.relative)) {
        log(
          `Found another file with the destination path '${file.relative}'. It will be ignored since only the first encountered file is collected. If this is not what you want, make sure every static file has a unique path.`,
          1,
        );
        continue;
      }
      seen.add(file.relative);
      const target = path.join(destination, ...file.relative.split('/'));
      if (!(await prepareTarget(file.source, target, file.relative, options))) {
        unmodified.push(file.relative);
        continue;
      }
      if (dryRun) {
        log(`Pretending to ${link ? 'link' : 'copy'} '${file.source}'`, 1);
      } else {
        log(`${link ? 'Linking' : 'Copying'} '${file.source}'`, 2);
        await mkdir(path.dirname(target), { recursive: true });
        if (link) await symlink(file.source, target);
        else await copyFile(file.source, target);
      }
      modified.push(file.relative);
    }
  }
  return { modified, unmodified };
}

/**
 * Django's delete_file: false when the target can stay (not older than the source, whole seconds,
 * and the same kind: a link for --link, a copy otherwise); else removes it and returns true.
 */
async function prepareTarget(source: string, target: string, relative: string, options: CollectOptions): Promise<boolean> {
  const existing = await lstat(target).catch(() => undefined);
  if (!existing) return true;
  const targetTime = await stat(target).then((s) => s.mtimeMs, () => undefined);
  const sourceTime = (await stat(source)).mtimeMs;
  const sameKind = options.link === existing.isSymbolicLink();
  if (targetTime !== undefined && sameKind && Math.floor(targetTime / 1000) >= Math.floor(sourceTime / 1000)) {
    options.log(`Skipping '${relative}' (not modified)`, 2);
    return false;
  }
  if (options.dryRun) {
    options.log(`Pretending to delete '${relative}'`, 2);
  } else {
    options.log(`Deleting '${relative}'`, 2);
    await unlink(target);
  }
  return true;
}

/** --clear: deletes every file (and broken link) below the destination; folders stay, as in Django. */
async function clearDir(destination: string, relative: string, dryRun: boolean, log: CollectOptions['log']): Promise<void> {
  const entries = await readdir(path.join(destination, relative), { withFileTypes: true }).catch(() => []);
  const sorted = entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of sorted.filter((e) => !e.isDirectory())) {
    const file = relative ? `${relative}/${entry.name}` : entry.name;
    if (dryRun) {
      log(`Pretending to delete '${file}'`, 1);
    } else {
      log(`Deleting '${file}'`, 1);
      await unlink(path.join(destination, file));
    }
  }
  for (const entry of sorted.filter((e) => e.isDirectory())) {
    await clearDir(destination, relative ? `${relative}/${entry.name}` : entry.name, dryRun, log);
  }
}
