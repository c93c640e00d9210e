/**
 * What startproject and startapp share (Django's TemplateCommand): the arguments and options,
 * then the copy. Each command adds its variables and prints its own next steps.
 */
import { scaffold } from '../scaffold/template.js';
import type { ScaffoldKind } from '../scaffold/names.js';
import { defineCommand, type CommandContext, type CommandDefinition } from './command.js';

/** commander's collector for options that may be repeated (argparse's action='append'). */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export interface TemplateCommandSpec {
  kind: ScaffoldKind;
  help: string;
  /** Template variables beyond the name and directory (startproject's secret key). */
  variables?(): Record<string, string>;
  /** Prints what to do next once the files exist. */
  done(context: CommandContext, name: string, topDir: string): void;
}

export function templateCommand(spec: TemplateCommandSpec): CommandDefinition {
  return defineCommand({
    help: spec.help,
    requiresSettings: false,
    configure(command) {
      const noun = spec.kind === 'app' ? 'an application' : 'a project';
      command
        .usage('[options] name [directory]')
        .argument('[name]', 'Name of the application or project.')
        .argument('[directory]', 'Optional destination directory')
        .option('--template <dir>', 'The path to a directory to load the template from.')
        .option('-e, --extension <ext>', 'The file extension(s) to render (default: "ts", "json"). Separate multiple extensions with commas, or use -e multiple times.', collect)
        .option('-n, --name <file>', 'The file name(s) to render. Separate multiple file names with commas, or use -n multiple times.', collect)
        .option('-x, --exclude <dir>', 'The directory name(s) to exclude, in addition to .git and node_modules. Can be used multiple times.', collect)
        // Django's missing_args_message, as a usage error (exit 2) rather than commander's generic one.
        .hook('preAction', (self) => {
          if (self.args.length === 0) self.error(`error: You must provide ${noun} name.`);
        });
    },
    async handle(context, args, options) {
      const [name, directory] = args as [string, string | undefined];
      const topDir = scaffold({
        kind: spec.kind,
        name,
        ...(directory === undefined ? {} : { target: directory }),
        ...(typeof options.template === 'string' ? { template: options.template } : {}),
        extensions: (options.extension as string[] | undefined) ?? [],
        files: (options.name as string[] | undefined) ?? [],
        exclude: (options.exclude as string[] | undefined) ?? [],
        cwd: context.cwd,
        variables: spec.variables?.() ?? {},
        onCreate: (file) => {
          if (context.verbosity >= 2) context.stdout.write(`Creating ${file}\n`);
        },
      });
      if (context.verbosity >= 1) spec.done(context, name, topDir);
    },
  });
}
