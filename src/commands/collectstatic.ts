/** `manage collectstatic`: copies every static file the finders see into STATIC_ROOT (Django's). */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadApps } from '../apps/registry.js';
import { Tags } from '../checks/registry.js';
import { formatCheckReport } from '../checks/report.js';
import { CommandError, ImproperlyConfigured, SystemCheckError } from '../errors.js';
import { collectStatic } from '../static/collect.js';
import { staticRoots } from '../static/finders.js';
import { defineCommand } from './command.js';
import { ask } from './prompt.js';

export default defineCommand({
  help: 'Collect static files in a single location.',
  configure(command) {
    command
      // commander names this pair after the last flag: both spellings set `input` to false.
      .option('--noinput, --no-input', 'Do NOT prompt the user for input of any kind.')
      .option('-n, --dry-run', 'Do everything except modify the filesystem.')
      .option('-c, --clear', 'Clear the existing files using the storage before trying to copy or link the original file.')
      .option('-l, --link', 'Create a symbolic link to each file instead of copying.');
  },
  async handle(context, _args, options) {
    const settings = await context.settings();
    // Django runs the staticfiles checks first (requires_system_checks = [Tags.staticfiles]).
    const messages = await (await context.checks()).run({ settings, loader: context.loader }, { tags: [Tags.staticfiles] });
    const report = formatCheckReport(messages, { silenced: settings.SILENCED_SYSTEM_CHECKS, style: context.stderr.style });
    if (report.failed) throw new SystemCheckError(report.text.replace(/\n$/, ''));
    context.stderr.write(report.text);

    if (typeof settings.STATIC_ROOT !== 'string' || !settings.STATIC_ROOT) {
      throw new ImproperlyConfigured("You're using the staticfiles app without having set the STATIC_ROOT setting to a filesystem path.");
    }
    const destination = path.resolve(settings.BASE_DIR, settings.STATIC_ROOT);
    const dryRun = options.dryRun === true;
    const clear = options.clear === true;
    const link = options.link === true;
    if (options.input !== false && hasEntries(destination)) {
      const answer = await ask(
        context,
        '\n' +
          (dryRun ? 'You have activated the --dry-run option so no files will be modified.\n\n' : '') +
          'You have requested to collect static files at the destination\nlocation as specified in your settings:\n\n' +
          `    ${destination}\n\n` +
          (clear ? 'This will DELETE ALL FILES in this location!\n' : 'This will overwrite existing files!\n') +
          "Are you sure you want to do this?\n\nType 'yes' to continue, or 'no' to cancel: ",
      );
      if (answer !== 'yes') throw new CommandError('Collecting static files cancelled.');
    }

    const roots = staticRoots(settings, await loadApps(settings, context.loader));
    const log = (message: string, level: number) => {
      if (context.verbosity >= level) context.stdout.write(`${message}\n`);
    };
    const result = await collectStatic({ roots, destination, clear, dryRun, link, log });
    if (context.verbosity < 1) return;
    const count = result.modified.length;
    const unmodified = result.unmodified.length > 0 ? `, ${result.unmodified.length} unmodified` : '';
    context.stdout.write(`\n${count} static file${count === 1 ? '' : 's'} ${link ? 'symlinked' : 'copied'} to '${destination}'${unmodified}.\n`);
  },
});

/** Django asks before writing only into a destination that already holds something. */
function hasEntries(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}
