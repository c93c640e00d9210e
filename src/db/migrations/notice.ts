/**
 * runserver's notice about unapplied migrations (Django's check_migrations), printed after the
 * system check report. Reads the database without writing: a missing file counts as nothing
 * applied (it is not created), and a database that cannot be read yields no notice, never a crash.
 */
import { existsSync } from 'node:fs';
import { loadApps } from '../../apps/registry.js';
import type { ModuleLoader } from '../../conf/modules.js';
import type { Settings } from '../../conf/settings.js';
import { Connection } from '../connection.js';
import { connectionOptions, DEFAULT_DB_ALIAS } from '../databases.js';
import { migrationFiles } from './files.js';
import { keyOf } from './migration.js';
import { MigrationRecorder } from './recorder.js';

/** The notice's lines (without styling), or [] when everything is applied or there is no database. */
export async function unappliedMigrationsNotice(settings: Settings, loader: ModuleLoader): Promise<string[]> {
  if (!(DEFAULT_DB_ALIAS in (settings.DATABASES ?? {}))) return [];
  let unapplied: Array<{ app: string }>;
  try {
    const migrations = (await loadApps(settings, loader)).flatMap(migrationFiles);
    const applied = appliedMigrations(settings);
    unapplied = migrations.filter((m) => !applied.has(keyOf(m.app, m.name)));
  } catch {
    return [];
  }
  if (unapplied.length === 0) return [];
  const apps = [...new Set(unapplied.map((m) => m.app))].sort();
  return [
    `You have ${unapplied.length} unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): ${apps.join(', ')}.`,
    "Run 'manage migrate' to apply them.",
  ];
}

function appliedMigrations(settings: Settings): Set<string> {
  const options = connectionOptions(settings.DATABASES, DEFAULT_DB_ALIAS, settings.BASE_DIR);
  // An in-memory database starts empty; a missing file would be created empty by migrate.
  if (options.file === ':memory:' || !existsSync(options.file)) return new Set();
  const connection = new Connection(DEFAULT_DB_ALIAS, { ...options, readonly: true });
  try {
    return new Set(new MigrationRecorder(connection).applied().keys());
  } finally {
    connection.close();
  }
}
