/** `manage showmigrations [app...] [--plan]`: which migrations are applied, `[X]` or `[ ]`. */
import { defineCommand } from './command.js';
import { CommandError } from '../errors.js';
import { withDatabases } from '../db/scope.js';
import { appByLabel, loadProjectMigrations } from '../db/migrations/project.js';
import { MigrationRecorder } from '../db/migrations/recorder.js';

export default defineCommand({
  help: 'Shows all available migrations for the current project.',
  configure(command) {
    command
      .argument('[app_label...]', 'App labels of applications to limit the output to.')
      .option('--database <alias>', 'Nominates a database to show migrations for. Defaults to the "default" database.', 'default')
      .option('-l, --list', 'Shows a list of all migrations and which are applied. (default)')
      .option('-p, --plan', 'Shows all migrations in the order they will be applied.');
  },
  async handle(context, args, options) {
    const settings = await context.settings();
    const project = await loadProjectMigrations(settings, context.loader);
    const labels = (args[0] as unknown as string[] | undefined) ?? [];
    const { graph } = project;
    const out = context.stdout;
    await withDatabases(settings, async (databases) => {
      const applied = new MigrationRecorder(databases.get(options.database as string)).applied();
      const mark = (key: string) => (applied.has(key) ? '[X]' : '[ ]');
      if (options.plan) {
        if (labels.length > 0) throw new CommandError('--plan lists the whole project; it takes no app labels.');
        const order = [...new Set(graph.leafNodes().flatMap((leaf) => graph.forwardsPlan(leaf)))];
        if (order.length === 0) out.write('(no migrations)\n');
        for (const key of order) out.write(`${mark(key)}  ${key}\n`);
        return;
      }
      for (const label of labels) appByLabel(project, label);
      for (const label of labels.length > 0 ? labels : graph.apps().sort()) {
        out.write(`${out.style.bold(label)}\n`);
        const shown = new Set<string>();
        for (const key of graph.leafNodes(label).flatMap((leaf) => graph.forwardsPlan(leaf))) {
          if (shown.has(key) || graph.get(key).app !== label) continue;
          shown.add(key);
          const when = applied.get(key);
          const at = when && context.verbosity >= 2 ? ` (applied at ${when.replace('T', ' ').slice(0, 19)})` : '';
          out.write(` ${mark(key)} ${graph.get(key).name}${at}\n`);
        }
        if (shown.size === 0) out.write(`${out.style.error(' (no migrations)')}\n`);
      }
    });
  },
});
