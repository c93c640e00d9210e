/** `manage findstatic <path...>`: where the finders find a static file (Django's). */
import { loadApps } from '../apps/registry.js';
import { findStatic, staticRoots } from '../static/finders.js';
import { defineCommand } from './command.js';

export default defineCommand({
  help: 'Finds the absolute paths for the given static file(s).',
  configure(command) {
    command.argument('<staticfile...>').option('--first', 'Only return the first match for each static file.');
  },
  async handle(context, args, options) {
    const settings = await context.settings();
    const roots = staticRoots(settings, await loadApps(settings, context.loader));
    const labels = (args[0] as unknown as string[] | undefined) ?? [];
    const searched = context.verbosity >= 2 ? `\nLooking in the following locations:\n  ${roots.join('\n  ')}` : '';
    const output: string[] = [];
    for (const label of labels) {
      const found = await findStatic(roots, label, options.first !== true);
      if (found.length > 0) {
        output.push(context.verbosity >= 1 ? `Found '${label}' here:\n  ${found.join('\n  ')}${searched}` : found.join('\n'));
      } else if (context.verbosity >= 1) {
        context.stderr.write(`No matching file found for '${label}'.${searched ? `\n${searched}` : ''}\n`);
      }
    }
    if (output.length > 0) context.stdout.write(`${output.join('\n')}\n`);
  },
});
