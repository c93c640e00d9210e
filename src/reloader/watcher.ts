/**
 * chokidar over the project root: every add/change/unlink of a file not ignored, and every raw
 * event under it, reaches `onChange` with its absolute path. Running out of inotify watches is
 * reported once with the way to raise the limit; the watcher keeps whatever it could watch.
 */
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { isIgnoredPath } from './classify.js';

export interface WatcherOptions {
  root: string;
  /** Force polling (--poll); CHOKIDAR_USEPOLLING is honoured by chokidar itself. */
  poll: boolean;
  /** A path changed: its chokidar event, or any raw file system event (unthrottled) under it. */
  onChange(file: string): void;
  onError(message: string): void;
}

export const ENOSPC_HINT =
  'Error: the system limit for the number of file watchers was reached (ENOSPC); some changes will be missed.\n' +
  'Raise it with:\n' +
  '    echo fs.inotify.max_user_watches=524288 | sudo tee -a /etc/sysctl.conf && sudo sysctl -p\n' +
  'or run with --poll.\n';

/** What to print for a watcher error; running out of inotify watches gets the way out. */
export function describeWatchError(error: unknown): string {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC') return ENOSPC_HINT;
  return `Error while watching files: ${error instanceof Error ? error.message : String(error)}\n`;
}

/** A chokidar event this soon after a raw event of the same path is that event's echo. */
const ECHO_MS = 200;

export class FileWatcher {
  readonly #watcher: FSWatcher;
  /** When each path last had a raw event. */
  readonly #rawAt = new Map<string, number>();
  readonly ready: Promise<void>;
  #reportedLimit = false;

  /** chokidar is loaded here, not at startup: the supervisor starts its first child before. */
  static async start(options: WatcherOptions): Promise<FileWatcher> {
    const { watch } = await import('chokidar');
    return new this(watch, options); // bundled, a class naming itself becomes `_FileWatcher`
  }

  private constructor(watch: typeof import('chokidar').watch, options: WatcherOptions) {
    const root = path.resolve(options.root);
    this.#watcher = watch(root, {
      ignoreInitial: true,
      atomic: true,
      ignored: (file: string) => isIgnoredPath(file, root),
      ...(options.poll ? { usePolling: true, interval: 100 } : {}),
    });
    // chokidar reports a write after stat'ing the file: an echo of the raw event that already
    // reported it, which may arrive after the supervisor acted (a second restart for one save).
    // It alone reports files inside a new folder, which have no raw event of their own.
    const changed = (file: string) => {
      const absolute = path.resolve(root, file);
      if (Date.now() - (this.#rawAt.get(absolute) ?? -Infinity) > ECHO_MS) options.onChange(absolute);
      this.#rawAt.delete(absolute);
    };
    this.#watcher.on('add', changed).on('change', changed).on('unlink', changed);
    this.#watcher.on('raw', (_event, name, details) => {
      const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
      // fs.watch names the entry inside a watched folder, or the watched file itself.
      const file = watched === undefined ? name : path.basename(watched) === name ? watched : path.join(watched, name);
      // chokidar drops a path's repeated `change` events for 50 ms: a write landing in that
      // window after the supervisor acted must still be seen.
      const absolute = file && path.resolve(root, file);
      if (!absolute || isIgnoredPath(absolute, root)) return;
      if (this.#rawAt.size > 1000) this.#rawAt.clear();
      this.#rawAt.set(absolute, Date.now());
      options.onChange(absolute);
    });
    this.#watcher.on('error', (error: unknown) => {
      const limit = (error as NodeJS.ErrnoException).code === 'ENOSPC';
      if (!(limit && this.#reportedLimit)) options.onError(describeWatchError(error));
      this.#reportedLimit ||= limit;
    });
    this.ready = new Promise((resolve) => this.#watcher.once('ready', () => resolve()));
  }

  /** Watches more paths (files that failed to import outside the project). */
  add(paths: readonly string[]): void {
    if (paths.length > 0) this.#watcher.add([...paths]);
  }

  /** Stops watching paths learned to be noise (STATIC_ROOT, MEDIA_ROOT, WATCH_IGNORE). */
  unwatch(paths: readonly string[]): void {
    if (paths.length > 0) this.#watcher.unwatch([...paths]);
  }

  close(): Promise<void> {
    return this.#watcher.close();
  }
}
