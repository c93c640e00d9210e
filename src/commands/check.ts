/** `manage check`: runs the system checks and prints Django's report. */
import { Option } from 'commander';
import { CommandError, SystemCheckError } from '../errors.js';
import { ERROR, LEVELS } from '../checks/messages.js';
import { formatCheckReport } from '../checks/report.js';
import { defineCommand, type CommandContext } from './command.js';

export default defineCommand({
  help: 'Checks the entire managets project for potential problems.',
  configure(command) {
    command
      .option('-t, --tag <tags...>', 'Run only checks labeled with given tag.')
      .option('--list-tags', 'List available tags.')
      .option('--deploy', 'Check deployment settings.')
      .addOption(
        new Option('--fail-level <level>', 'Message level that will cause the command to exit with a non-zero status.')
          .choices(['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'])
          .default('ERROR'),
      );
  },
  async handle(context, _args, options) {
    const registry = await context.checks();
    const includeDeploy = options.deploy === true;
    if (options.listTags) {
      context.stdout.write(`${registry.tags(includeDeploy).join('\n')}\n`);
      return;
    }
    const tags = (options.tag as string[] | undefined) ?? [];
    const known = registry.tags(includeDeploy);
    const unknown = tags.find((tag) => !known.includes(tag));
    if (unknown) throw new CommandError(`There is no system check with the "${unknown}" tag.`);
    await performChecks(context, { tags, includeDeploy, failLevel: LEVELS[options.failLevel as string]! });
  },
});

/**
 * Runs the checks and prints Django's report (issues on stderr, the all-clear on stdout);
 * SystemCheckError at or above `failLevel`. Shared with runserver's startup.
 */
export async function performChecks(
  context: CommandContext,
  options: { tags?: string[]; includeDeploy?: boolean; failLevel?: number } = {},
): Promise<void> {
  const settings = await context.settings();
  const registry = await context.checks();
  const messages = await registry.run(
    { settings, loader: context.loader },
    { tags: options.tags ?? [], includeDeploy: options.includeDeploy ?? false },
  );
  const report = formatCheckReport(messages, {
    silenced: settings.SILENCED_SYSTEM_CHECKS as string[],
    failLevel: options.failLevel ?? ERROR,
    displayNumErrors: true,
    style: context.stderr.style,
  });
  if (report.failed) throw new SystemCheckError(report.text.replace(/\n$/, ''));
  (report.stream === 'stderr' ? context.stderr : context.stdout).write(report.text);
}
