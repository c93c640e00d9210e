/** `manage migrate [app] [migration] [--plan]`: brings the database schema to the migrations' state. */
import type { Output } from './command.js';
import { defineCommand } from './command.js';
import { CommandError } from '../errors.js';
import { withDatabases } from '../db/scope.js';
import { assertConsistentHistory, executePlan, migrationPlan, type PlanStep, type Target } from '../db/migrations/executor.js';
import { keyOf } from '../db/migrations/migration.js';
import {
  appByLabel,
  assertRunnable,
  loadProjectMigrations,
  migrationByPrefix,
  type ProjectMigrations,
} from '../db/migrations/project.js';
import { MigrationRecorder } from '../db/migrations/recorder.js';

export default defineCommand({
  help: 'Updates database schema. Manages both apps with migrations and those without.',
  configure(command) {
    command
      .argument('[app_label]', 'App label of an application to synchronize the state.')
      .argument('[migration_name]', 'Database state will be brought to the state after that migration. Use the name "zero" to unapply all migrations.')
      .option('--database <alias>', 'Nominates a database to synchronize. Defaults to the "default" database.', 'default')
      .option('--plan', 'Shows a list of the migration actions that will be performed.');
  },
  async handle(context, args, options) {
    const settings = await context.settings();
    const project = await loadProjectMigrations(settings, context.loader);
    assertRunnable(project);
    const [appLabel, migrationName] = args;
    const targets = resolveTargets(project, appLabel, migrationName);
    await withDatabases(settings, async (databases) => {
      const connection = databases.get(options.database as string);
      const recorder = new MigrationRecorder(connection);
      const applied = new Set(recorder.applied().keys());
      assertConsistentHistory(project.graph, applied, connection.alias);
      const plan = migrationPlan(project.graph, targets, applied);
      if (options.plan) return printPlan(context.stdout, plan);
      const out = context.stdout;
      const verbose = context.verbosity >= 1;
      if (verbose) {
        out.write(`${out.style.migrateHeading('Operations to perform:')}\n`);
        out.write(`${describeTargets(out, targets, appLabel === undefined || migrationName === undefined)}\n`);
        out.write(`${out.style.migrateHeading('Running migrations:')}\n`);
        if (plan.length === 0) out.write('  No migrations to apply.\n');
      }
      await executePlan(connection, recorder, plan, {
        start: (step) => verbose && out.write(`  ${step.backwards ? 'Unapplying' : 'Applying'} ${name(step)}...`),
        success: (_step, ms) =>
          verbose && out.write(`${out.style.success(' OK')}${context.verbosity > 1 ? ` (${(ms / 1000).toFixed(3)}s)` : ''}\n`),
        failure: () => verbose && out.write(`${out.style.error(' FAILED')}\n`),
      });
    });
  },
});

function resolveTargets(project: ProjectMigrations, appLabel: string | undefined, migrationName: string | undefined): Target[] {
  const leaves = (app?: string): Target[] =>
    project.graph.leafNodes(app).map((key) => [project.graph.get(key).app, project.graph.get(key).name] as const);
  if (appLabel === undefined) return leaves();
  appByLabel(project, appLabel);
  if (project.graph.keys(appLabel).length === 0) throw new CommandError(`App '${appLabel}' does not have migrations.`);
  if (migrationName === undefined) return leaves(appLabel);
  if (migrationName === 'zero') return [[appLabel, null]];
  return [[appLabel, migrationByPrefix(project, appLabel, migrationName)]];
}

function describeTargets(out: Output, targets: readonly Target[], appLabelsOnly: boolean): string {
  if (appLabelsOnly) {
    const labels = [...new Set(targets.map(([app]) => app))].sort().join(', ');
    return `${out.style.bold('  Apply all migrations: ')}${labels || '(none)'}`;
  }
  const [app, migration] = targets[0]!;
  return migration === null
    ? `${out.style.bold('  Unapply all migrations: ')}${app}`
    : `${out.style.bold('  Target specific migration: ')}${migration}, from ${app}`;
}

/** Django's `migrate --plan`. */
function printPlan(out: Output, plan: readonly PlanStep[]): void {
  out.write(`${out.style.bold('Planned operations:')}\n`);
  if (plan.length === 0) out.write('  No planned migration operations.\n');
  for (const step of plan) {
    out.write(`${out.style.migrateHeading(name(step))}\n`);
    const { text, irreversible } = step.migration.describe(step.backwards);
    out.write(`${irreversible ? out.style.warning(`    ${text}`) : `    ${text}`}\n`);
  }
}

const name = (step: PlanStep): string => keyOf(step.migration.app, step.migration.name);
