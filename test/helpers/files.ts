/** Real files in a temp dir, written from a `{ 'relative/path': 'content' }` map. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempTree {
  readonly dir: string;
  /** Writes (or overwrites) files under the tree; returns their absolute paths. */
  write(files: Record<string, string>): string[];
  path(...parts: string[]): string;
  cleanup(): void;
}

export function tempTree(files: Record<string, string> = {}, prefix = 'managets-tree-'): TempTree {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const tree: TempTree = {
    dir,
    write(more) {
      return Object.entries(more).map(([relative, content]) => {
        const file = path.join(dir, relative);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
        return file;
      });
    },
    path: (...parts) => path.join(dir, ...parts),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  tree.write(files);
  return tree;
}

/** Temp trees created during a test file, removed together: `after(() => pool.cleanup())`. */
export class TreePool {
  readonly #trees: TempTree[] = [];

  tree(files: Record<string, string> = {}): TempTree {
    const tree = tempTree(files);
    this.#trees.push(tree);
    return tree;
  }

  cleanup(): void {
    for (const tree of this.#trees.splice(0)) tree.cleanup();
  }
}
