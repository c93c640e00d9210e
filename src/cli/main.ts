/**
 * The entry point of `manage` and `managets`: finds the command, parses its options with
 * commander, runs it, and maps errors to exit codes. The only `process.exit` in the program.
 */
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CommandError, EXIT, UserCodeError } from '../errors.js';
import { COLORS_ENV, PYTHONPATH_ENV, SETTINGS_ENV } from '../conf/env.js';
import { NOT_CONFIGURED_MESSAGE, resolveSettingsName } from '../conf/load.js';
import { packageVersion } from '../conf/version.js';
import { BUILTIN_COMMANDS } from '../commands/registry.js';
import type { CommandContext, CommandDefinition } from '../commands/command.js';
import { preparseGlobalFlags } from './argv.js';
import { listCommands } from './commands.js';
import { createContext } from './context.js';
import { formatMainHelp } from './help.js';
import { closestMatch } from './suggest.js';

export interface MainOptions {
  prog?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** runserver's first app child when bin/manage.js spawned it early (commands/runserver/prespawn.ts). */
  firstChild?: CommandContext['firstChild'];
}

/** Runs one command line and exits the process with its code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<never> {
  const code = await run(argv, options);
  // Flush what is buffered in stdout before leaving (pipes are async on some platforms).
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

/** Runs one command line and returns the exit code (exported for `executeFromCommandLine`). */
export async function run(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const prog = options.prog ?? 'manage';
  const env = { ...(options.env ?? process.env) };
  const flags = preparseGlobalFlags(argv);
  if (flags.settings !== undefined) env[SETTINGS_ENV] = flags.settings;
  if (flags.pythonpath !== undefined) env[PYTHONPATH_ENV] = path.resolve(options.cwd ?? process.cwd(), flags.pythonpath);
  if (flags.noColor) env[COLORS_ENV] = 'nocolor';
  const baseDir = env[PYTHONPATH_ENV] ?? options.cwd ?? process.cwd();
  const context = createContext({
    prog,
    env,
    baseDir,
    verbosity: flags.verbosity,
    traceback: flags.traceback,
    color: { noColor: flags.noColor, forceColor: flags.forceColor },
    firstChild: options.firstChild,
  });
  try {
    return await dispatch(argv, context);
  } catch (error) {
    return report(error, context);
  } finally {
    // Unless a supervisor adopted it, the command line failed before one ran (a bad addrport, the
    // port in use...): the early child must neither outlive this process nor print that error too.
    options.firstChild?.discard();
  }
}

async function dispatch(argv: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || ((name === 'help' || name === '--help' || name === '-h') && rest.length === 0)) {
    await printMainHelp(context);
    return EXIT.OK;
  }
  if (name === '--version' && rest.length === 0) {
    context.stdout.write(`${packageVersion()}\n`);
    return EXIT.OK;
  }
  if (name === 'help') {
    if (rest[0] === '--commands') {
      const { commands } = await listCommands(context);
      context.stdout.write(`${commands.map((c) => c.name).sort().join('\n')}\n`);
      return EXIT.OK;
    }
    return dispatch([rest[0]!, '--help'], context);
  }
  const definition = await findCommand(name, context);
  if (!definition) return unknownCommand(name, context);
  return runDefinition(name, definition, rest, context);
}

/**
 * An installed app's command of the same name replaces a built-in, as in Django, except
 * runserver: its supervisor must never import project code (apps are project code).
 */
async function findCommand(name: string, context: CommandContext): Promise<CommandDefinition | undefined> {
  const builtin = BUILTIN_COMMANDS.find((c) => c.name === name);
  const configured = resolveSettingsName(context.env, context.loader.baseDir) !== undefined;
  if (builtin && (name === 'runserver' || !configured)) return builtin.load();
  if (!configured) return undefined;
  const { commands } = await listCommands(context);
  return (commands.find((c) => c.name === name) ?? builtin)?.load();
}

async function unknownCommand(name: string, context: CommandContext): Promise<number> {
  const { commands, error } = await listCommands(context);
  if (!resolveSettingsName(context.env, context.loader.baseDir)) context.stderr.write('No managets settings specified.\n');
  else if (error instanceof CommandError) context.stderr.write(`${error.prefix}${error.message}\n`);
  const suggestion = closestMatch(name, commands.map((c) => c.name));
  context.stderr.write(`Unknown command: '${name}'${suggestion ? `. Did you mean ${suggestion}?` : ''}\n`);
  context.stderr.write(`Type '${context.prog} help' for usage.\n`);
  return EXIT.ERROR;
}

async function printMainHelp(context: CommandContext): Promise<void> {
  const { commands, error } = resolveSettingsName(context.env, context.loader.baseDir)
    ? await listCommands(context)
    : { commands: BUILTIN_COMMANDS.filter((c) => !c.app), error: new CommandError(NOT_CONFIGURED_MESSAGE) };
  const sections = new Map<string, string[]>();
  for (const command of commands) sections.set(command.section, [...(sections.get(command.section) ?? []), command.name]);
  const note = error
    ? `Note that only managets core commands are listed as settings are not properly configured (error: ${
        error instanceof Error ? error.message.split('\n')[0] : String(error)
      }).`
    : undefined;
  context.stdout.write(formatMainHelp(context.prog, sections, context.stdout.style, note));
}

/** Global options every command accepts (Django's BaseCommand options). */
function addGlobalOptions(command: Command): void {
  command
    .addOption(new Option('-v, --verbosity <level>', 'Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output').choices(['0', '1', '2', '3']).default('1'))
    .option('--settings <module>', `The settings module, e.g. "blog.settings". If this isn't provided, the ${SETTINGS_ENV} environment variable will be used.`)
    .option('--pythonpath <dir>', 'The directory module names are resolved against, e.g. "/home/projects/blog". Default: the current directory.')
    .option('--traceback', 'Raise on CommandError exceptions (show the full stack).')
    .option('--no-color', "Don't colorize the command output.")
    .option('--force-color', 'Force colorization of the command output.');
}

async function runDefinition(
  name: string,
  definition: CommandDefinition,
  rest: readonly string[],
  context: CommandContext,
): Promise<number> {
  const command = new Command(`${context.prog} ${name}`);
  command.description(definition.help).helpOption('-h, --help', 'Show this help message and exit.');
  definition.configure?.(command);
  addGlobalOptions(command);
  command.exitOverride().configureOutput({
    writeOut: (text) => context.stdout.write(text),
    writeErr: (text) => context.stderr.write(text),
    outputError: (text, write) => write(context.stderr.style.error(text)),
  });
  let parsed: { args: string[]; options: Record<string, unknown> } | undefined;
  command.action((...actionArgs: unknown[]) => {
    const self = actionArgs.at(-1) as Command;
    parsed = { args: self.processedArgs as string[], options: self.opts() };
  });
  try {
    await command.parseAsync([...rest], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    throw error;
  }
  if (!parsed) return EXIT.OK;
  if (parsed.options.color === false && parsed.options.forceColor) {
    throw new CommandError("The --no-color and --force-color options can't be used together.");
  }
  if (definition.requiresSettings !== false) await context.settings();
  await definition.handle(context, parsed.args, parsed.options);
  return EXIT.OK;
}

/** Prints an error the way Django's run_from_argv does and returns its exit code. */
function report(error: unknown, context: CommandContext): number {
  const style = context.stderr.style;
  if (error instanceof CommandError) {
    const text = error instanceof UserCodeError ? error.message : `${error.prefix}${error.message}`;
    context.stderr.write(`${error.prefix === '' && !(error instanceof UserCodeError) ? text : style.error(text)}\n`);
    if (context.traceback) context.stderr.write(`${(error.cause as Error | undefined)?.stack ?? error.stack}\n`);
    return error.exitCode;
  }
  // Anything else is a bug in managets or a crash in user code that escaped: show the stack.
  context.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT.ERROR;
}

