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
import type { Databases } from '../../src/db/databases.js';
import { assertConsistentHistory, executePlan, migrationPlan, type Target } from '../../src/db/migrations/executor.js';
import { keyOf } from '../../src/db/migrations/migration.js';
import { assertRunnable, loadProjectMigrations } from '../../src/db/migrations/project.js';
import { MigrationRecorder } from '../../src/db/migrations/recorder.js';

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

/**
 * What `manage migrate [app] [migration]` does, in-process: returns the migrations applied (`+`)
 * and unapplied (`-`), in order. Every app's leaves are the targets when none are given.
 */
export async function applyMigrations(
  settings: Settings,
  loader: ModuleLoader,
  databases: Databases,
  targets?: Target[],
): Promise<string[]> {
  const project = await loadProjectMigrations(settings, loader);
  assertRunnable(project);
  const connection = databases.get();
  const recorder = new MigrationRecorder(connection);
  const applied = new Set(recorder.applied().keys());
  assertConsistentHistory(project.graph, applied, 'default');
  const wanted = targets ?? project.graph.leafNodes().map((key) => [project.graph.get(key).app, project.graph.get(key).name] as const);
  const done: string[] = [];
  await executePlan(connection, recorder, migrationPlan(project.graph, wanted, applied), {
    start: () => undefined,
    success: (step) => done.push(`${step.backwards ? '-' : '+'}${keyOf(step.migration.app, step.migration.name)}`),
    failure: () => undefined,
  });
  return done;
}
