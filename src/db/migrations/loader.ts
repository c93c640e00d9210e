/**
 * Loads every installed app's migrations: parses `.sql` files and imports `.ts` ones. A file that
 * does not load becomes a problem (checks report it, migrate refuses to run) instead of a crash.
 */
import { readFileSync } from 'node:fs';
import type { App } from '../../apps/registry.js';
import type { ModuleLoader } from '../../conf/modules.js';
import { UserCodeError } from '../../errors.js';
import { migrationFiles, type MigrationFile } from './files.js';
import { moduleMigration, sqlMigration, type Migration, type MigrationModule } from './migration.js';
import { parseSqlMigration } from './sql-file.js';

export interface LoadProblem {
  readonly file: string;
  readonly message: string;
}

export async function loadMigrations(
  apps: readonly App[],
  loader: ModuleLoader,
): Promise<{ migrations: Migration[]; problems: LoadProblem[] }> {
  const migrations: Migration[] = [];
  const problems: LoadProblem[] = [];
  for (const app of apps) {
    for (const file of migrationFiles(app)) {
      try {
        migrations.push(file.kind === 'sql' ? loadSql(file) : await loadModule(file, loader));
      } catch (error) {
        const where = error instanceof UserCodeError && error.location ? ` (at ${error.location})` : '';
        problems.push({ file: file.file, message: `${error instanceof Error ? error.message : String(error)}${where}` });
      }
    }
  }
  return { migrations, problems };
}

function loadSql(file: MigrationFile): Migration {
  return sqlMigration(file, parseSqlMigration(readFileSync(file.file, 'utf8')));
}

async function loadModule(file: MigrationFile, loader: ModuleLoader): Promise<Migration> {
  const module = (await loader.importFile(file.file)) as Partial<MigrationModule>;
  if (typeof module.up !== 'function') throw new TypeError('A migration module must export a function up(db).');
  if (module.down !== undefined && typeof module.down !== 'function') throw new TypeError("'down' must be a function down(db).");
  const dependencies = module.dependencies ?? [];
  const wellFormed =
    Array.isArray(dependencies) &&
    dependencies.every((d) => Array.isArray(d) && d.length === 2 && d.every((part) => typeof part === 'string'));
  if (!wellFormed) {
    throw new TypeError("'dependencies' must be a list of [app label, migration name] pairs, e.g. [['auth', '0001_initial']].");
  }
  return moduleMigration(file, module as MigrationModule);
}
