/**
 * `manage shell`: a node:repl with the project loaded (settings, apps, an `importModule` helper for
 * the project's TypeScript modules), TypeScript syntax and top-level await. `-c code`, or code piped
 * on stdin, runs once and exits, as Django's shell does: output only through console.log.
 */
import os from 'node:os';
import path from 'node:path';
import repl from 'node:repl';
import { fileURLToPath } from 'node:url';
import { loadApps } from '../apps/registry.js';
import { ERROR_CODES, UserCodeError } from '../errors.js';
import { defineCommand, type CommandContext } from './command.js';

type AsyncFunctionConstructor = new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
const AsyncFunction = (async () => {}).constructor as AsyncFunctionConstructor;

/** Our own files, left out of the stack printed for an error in the user's code. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The names available in the shell. */
async function shellScope(context: CommandContext): Promise<Record<string, unknown>> {
  const settings = await context.settings();
  return {
    settings,
    apps: await loadApps(settings, context.loader),
    /** `await importModule('polls.views')` or a path relative to the project. */
    importModule: async (name: string) => (await context.loader.importModule(name)).module,
  };
}

/** The error as the user should see it: its message and only the stack frames outside managets. */
function describeError(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return `Uncaught ${String(error)}`;
  const lines = error.stack.split('\n');
  const frames = lines.filter((line) => /^\s+at /.test(line));
  const header = lines.filter((line) => !/^\s+at /.test(line));
  const own = (line: string) => line.includes(PACKAGE_ROOT) || line.includes('node:internal') || line.includes('(node:');
  return [...header, ...frames.filter((line) => !own(line))].join('\n');
}

/** Runs code once, as the body of an async function whose parameters are the scope. */
async function runOnce(code: string, scope: Record<string, unknown>): Promise<void> {
  let run: (...values: unknown[]) => Promise<unknown>;
  try {
    run = new AsyncFunction(...Object.keys(scope), code);
  } catch (error) {
    // A syntax error: its message is all there is to say (the only frame is the constructor).
    throw new UserCodeError(String(error), { code: ERROR_CODES.COMMAND, original: error });
  }
  try {
    await run(...Object.values(scope));
  } catch (error) {
    // importModule's own failures (no such module, a broken file) already read well.
    if (error instanceof UserCodeError) throw error;
    throw new UserCodeError(describeError(error), { code: ERROR_CODES.COMMAND, original: error });
  }
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

async function interactive(context: CommandContext, scope: Record<string, unknown>): Promise<void> {
  // tsx's REPL patch: each input is transformed from TypeScript before Node evaluates it.
  await import('tsx/patch-repl' as string);
  const terminal = context.stdout.isTTY;
  context.stdout.write(`managets shell. In scope: ${Object.keys(scope).join(', ')}. Top-level await works; exit with .exit or Ctrl-D.\n`);
  const server = repl.start({ input: context.stdin, output: context.stdout.stream, terminal, useGlobal: true, ignoreUndefined: true });
  Object.assign(server.context, scope);
  if (terminal) server.setupHistory(path.join(os.homedir(), '.node_repl_history'), () => {});
  await new Promise<void>((resolve) => server.on('exit', resolve));
}

export default defineCommand({
  help: 'Runs a Node.js interactive interpreter with the project loaded. Code given with -c, or piped on stdin, runs once.',
  configure(command) {
    command.option('-c, --command <code>', 'Instead of opening an interactive shell, run a command and exit.');
  },
  async handle(context, _args, options) {
    await context.loader.ensureTypeScript();
    const scope = await shellScope(context);
    if (typeof options.command === 'string') return runOnce(options.command, scope);
    if (context.stdin.isTTY !== true) return runOnce(await readAll(context.stdin), scope);
    return interactive(context, scope);
  },
});
