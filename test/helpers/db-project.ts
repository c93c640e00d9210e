/**
 * A throwaway project on disk for database tests: apps with migration files in a temp dir, and the
 * Settings and ModuleLoader the code under test takes, built the way the CLI builds them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSettings } from '../../src/conf/load.js';
import { ModuleLoader } from '../../src/conf/modules.js';
import type { Settings } from '../../src/conf/settings.js';

export interface DbProject {
  dir: string;
  settings: Settings;
  loader: ModuleLoader;
  /** Absolute path of the default database file. */
  dbFile: string;
  write(files: Record<string, string>): void;
  cleanup(): void;
}

/** `files` maps paths relative to the project (e.g. `blog/migrations/0001_initial.sql`) to contents. */
export function dbProject(options: {
  apps: string[];
  files?: Record<string, string>;
  databases?: Record<string, { ENGINE: string; NAME: string; [key: string]: unknown }> | null;
}): DbProject {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'managets-db-'));
  const write = (files: Record<string, string>) => {
    for (const [relative, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      writeFileSync(path.join(dir, relative), text);
    }
  };
  for (const app of options.apps) if (!app.startsWith('managets.')) mkdirSync(path.join(dir, app), { recursive: true });
  write(options.files ?? {});
  const databases = options.databases === undefined ? { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } } : options.databases;
  const module: Record<string, unknown> = { INSTALLED_APPS: options.apps, SECRET_KEY: 'test' };
  if (databases) module.DATABASES = databases;
  const settings = buildSettings(module, { name: 'proj.settings', file: path.join(dir, 'proj', 'settings.ts'), baseDir: dir });
  return {
    dir,
    settings,
    loader: new ModuleLoader({ baseDir: dir }),
    dbFile: path.join(dir, 'db.sqlite3'),
    write,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
