/**
 * `manage shell`: a node:repl with the project loaded (settings, apps, reverse/resolve, db(), and
 * an `importModule` helper for the project's TypeScript modules), TypeScript syntax and top-level
 * await. `-c code`, or code piped on stdin, runs once and exits, as Django's shell does: output
 * only through console.log.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import repl from 'node:repl';
import { packageRoot } from '../conf/package-root.js';
import { loadApps } from '../apps/registry.js';
import { Databases } from '../db/databases.js';
import { db, setServedDatabases } from '../db/scope.js';
import { ERROR_CODES, UserCodeError } from '../errors.js';
import { createResolver, type Resolver } from '../urls/resolver.js';
import type { ReverseOptions } from '../urls/reverse.js';
import { defineCommand, type CommandContext } from './command.js';

type AsyncFunctionConstructor = new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
const AsyncFunction = (async () => {}).constructor as AsyncFunctionConstructor;

/** Our own files, left out of the stack printed for an error in the user's code. */
const PACKAGE_ROOT = packageRoot() + path.sep;

/** The names available in the shell. */
async function shellScope(context: CommandContext): Promise<Record<string, unknown>> {
  const settings = await context.settings();
  // A broken or missing URLconf must not keep the shell from opening: reverse()/resolve() rethrow it.
  let resolver: Resolver | undefined;
  let urlconfError: unknown;
  try {
    resolver = await createResolver(settings, context.loader);
  } catch (error) {
    urlconfError = error;
  }
  const urls = (): Resolver => {
    if (!resolver) throw urlconfError;
    return resolver;
  };
  return {
    settings,
    apps: await loadApps(settings, context.loader),
    /** `await importModule('polls.views')` or a path relative to the project. */
    importModule: async (name: string) => (await context.loader.importModule(name)).module,
    reverse: (viewname: string, options?: ReverseOptions) => urls().reverse(viewname, options),
    resolve: (path: string) => urls().resolve(path),
    db,
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

interface EsBuild {
  transformSync(code: string, options: Record<string, unknown>): { code: string };
}

/** esbuild stopped at the end of the input: an open bracket, comment or template literal. */
function isUnfinished(code: string, error: unknown): boolean {
  const text = String(error);
  return /end of file|to terminate multi-line comment/.test(text) || (text.includes('Unterminated string literal') && code.includes('`'));
}

/**
 * TypeScript in the REPL: each input goes through tsx's own esbuild before Node evaluates it.
 * Synchronously, unlike tsx/patch-repl, so pasted lines still run in order.
 */
function evaluateTypeScript(server: repl.REPLServer): void {
  const esbuild = createRequire(import.meta.resolve('tsx'))('esbuild') as EsBuild;
  const evaluate = server.eval;
  const transformed: repl.REPLEval = function (this: repl.REPLServer, code, context, file, callback) {
    let js = code;
    try {
      js = esbuild.transformSync(code, { loader: 'ts', sourcefile: file, tsconfigRaw: { compilerOptions: { preserveValueImports: true } } }).code;
    } catch (error) {
      // An unfinished entry (`function f(x: number) {`): ask for the next line, as Node does for JS.
      if (isUnfinished(code, error)) return callback(new repl.Recoverable(error as Error), undefined);
      // Invalid: Node's own eval reports it.
    }
    evaluate.call(this, js, context, file, callback);
  };
  // The REPL's own eval (top-level await, recoverable errors) stays underneath ours.
  (server as { eval: repl.REPLEval }).eval = transformed;
}

async function interactive(context: CommandContext, scope: Record<string, unknown>): Promise<void> {
  const terminal = context.stdout.isTTY;
  context.stdout.write(`managets shell. In scope: ${Object.keys(scope).join(', ')}. Top-level await works; exit with .exit or Ctrl-D.\n`);
  const server = repl.start({ input: context.stdin, output: context.stdout.stream, terminal, useGlobal: true, ignoreUndefined: true });
  evaluateTypeScript(server);
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
    // db() works in the shell (and the modules it imports) as in a view; it opens on first use.
    const databases = new Databases(await context.settings());
    setServedDatabases(databases);
    try {
      if (typeof options.command === 'string') return await runOnce(options.command, scope);
      if (context.stdin.isTTY !== true) return await runOnce(await readAll(context.stdin), scope);
      return await interactive(context, scope);
    } finally {
      databases.close();
    }
  },
});
