/**
 * `manage makemigrations app --empty [--name x] [--format sql|ts]`: writes the app's next
 * numbered migration file for you to fill in. managets has no models, so there is nothing to
 * detect: without --empty it says so, as Django does when nothing changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { defineCommand } from './command.js';
import { CommandError } from '../errors.js';
import { migrationFiles, migrationsDirectory } from '../db/migrations/files.js';
import { appByLabel, loadProjectMigrations } from '../db/migrations/project.js';

export default defineCommand({
  help: 'Creates new migration(s) for apps.',
  configure(command) {
    command
      .argument('[app_label...]', 'Specify the app label(s) to create migrations for.')
      .option('--empty', 'Create an empty migration.')
      .option('-n, --name <name>', 'Use this name for migration file(s).')
      .addOption(new Option('--format <format>', 'Write a .sql or a .ts migration.').choices(['sql', 'ts']).default('sql'));
  },
  async handle(context, args, options) {
    const settings = await context.settings();
    const labels = (args[0] as unknown as string[] | undefined) ?? [];
    const name = options.name as string | undefined;
    if (name !== undefined && !/^[A-Za-z_]\w*$/.test(name)) {
      throw new CommandError('The migration name must be a valid identifier (letters, digits and underscores).');
    }
    if (!options.empty) {
      const which = labels.length === 0 ? '' : ` in app${labels.length > 1 ? 's' : ''} ${labels.map((l) => `'${l}'`).join(', ')}`;
      context.stdout.write(`No changes detected${which}\n`);
      context.stdout.write(`managets has no models to detect changes in: write migrations yourself, starting with 'manage makemigrations <app> --empty'.\n`);
      return;
    }
    if (labels.length === 0) throw new CommandError('You must supply at least one app label when using --empty.');
    const project = await loadProjectMigrations(settings, context.loader);
    for (const label of labels) {
      const app = appByLabel(project, label);
      if (app.name.startsWith('managets.')) throw new CommandError(`App '${label}' is part of managets; its migrations ship with it.`);
      const existing = migrationFiles(app);
      const number = Math.max(0, ...existing.map((m) => m.number)) + 1;
      const stem = `${String(number).padStart(4, '0')}_${name ?? (number === 1 ? 'initial' : `auto_${timestamp()}`)}`;
      const format = options.format as 'sql' | 'ts';
      const file = path.join(migrationsDirectory(app), `${stem}.${format}`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, format === 'sql' ? sqlTemplate(label, stem) : tsTemplate(label, stem), { flag: 'wx' });
      context.stdout.write(`${context.stdout.style.migrateHeading(`Migrations for '${label}':`)}\n`);
      context.stdout.write(`  ${context.stdout.style.bold(path.relative(context.cwd, file))}\n`);
    }
  },
});

/** Django's get_migration_name_timestamp: 20261129_1955. */
function timestamp(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}_${pad(now.getHours())}${pad(now.getMinutes())}`;
}

function sqlTemplate(app: string, name: string): string {
  return `-- Migration ${app}.${name}: runs in one transaction; statements end with ';'.
-- It runs after the app's previous migration. If it needs another app's, add a line like:
--   -- migrate:depends auth.0001_initial


-- migrate:down
-- Statements that undo the ones above (run by 'manage migrate ${app} <earlier migration>').

`;
}

function tsTemplate(app: string, name: string): string {
  return `// Migration ${app}.${name}: runs in one transaction, after the app's previous migration.
import type { Connection, MigrationKey } from 'managets';

/** Migrations of other apps this one needs, e.g. ['auth', '0001_initial']. */
export const dependencies: MigrationKey[] = [];

export function up(db: Connection): void {
}

/** Undoes up() (run by 'manage migrate ${app} <earlier migration>'). */
export function down(db: Connection): void {
}
`;
}
