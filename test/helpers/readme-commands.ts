/**
 * Runs the README's shell commands for real, as a user types them, against this checkout:
 *
 *   cd DIR                              changes the workspace's current directory
 *   npm install                         links this checkout as node_modules/managets (what
 *                                       installing the published package gives a project)
 *   npx managets ARGS                   bin/managets.js ARGS
 *   npx manage ARGS, manage ARGS        bin/manage.js ARGS
 *   ./manage.ts ARGS                    the project's own executable, through its shebang
 *
 * Output is stdout and stderr as one stream, in the order written, as a terminal shows them.
 * `runserver` without an address binds 127.0.0.1:0 instead of 8000 (shown as 8000 in its output);
 * once its banner is out it answers one request (its log lines are dropped from the output), so it
 * is past the banner and handling signals, then gets SIGTERM. Any other program throws: mark its
 * block `match`, or teach this file the command.
 */
import path from 'node:path';
import { probe } from './http-probe.js';
import { cleanEnv, MANAGE_BIN, MANAGETS_BIN, runProcess, type ProcessPool } from './spawn-cli.js';
import { linkManagets, tmpDir } from './tmp-project.js';

export interface CommandRun {
  command: string;
  /** stdout and stderr together; a runserver's real port shown as 8000. */
  output: string;
  code: number | null;
}

/** `sh` arguments that run the rest as the same process, stderr into stdout (a terminal's view). */
const MERGED_OUTPUT = ['-c', 'exec "$@" 2>&1', 'sh'];

/** The request sent to a runserver before stopping it; its log lines are not part of the output. */
const READY_PATH = '/__readme-test-ready__/';

interface Workspace {
  cwd: string;
  cleanup?(): void;
}

/** `a 'b c' "d"` → ['a', 'b c', 'd']. */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The commands of a sh block: comments dropped, `&&` chains split, blank lines skipped. */
export function shellCommands(body: string): string[] {
  return body
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .flatMap((line) => line.split('&&').map((part) => part.trim()))
    .filter((command) => command !== '');
}

export class ReadmeShell {
  readonly #workspaces = new Map<string, Workspace>();
  readonly #pool: ProcessPool;
  readonly #env = cleanEnv({ PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` });

  constructor(pool: ProcessPool) {
    this.#pool = pool;
  }

  /** Names an existing folder as a workspace (the README project). */
  addWorkspace(name: string, dir: string): void {
    this.#workspaces.set(name, { cwd: dir });
  }

  cleanup(): void {
    for (const workspace of this.#workspaces.values()) workspace.cleanup?.();
  }

  /** The named workspace's current directory, where its `file=PATH in=WORKSPACE` blocks go. */
  cwd(workspaceName: string): string {
    return this.#workspace(workspaceName).cwd;
  }

  /** The named workspace: an empty temp dir the first time a new name is used. */
  #workspace(name: string): Workspace {
    let workspace = this.#workspaces.get(name);
    if (!workspace) {
      const dir = tmpDir(`readme-${name}`);
      workspace = { cwd: dir.dir, cleanup: dir.cleanup };
      this.#workspaces.set(name, workspace);
    }
    return workspace;
  }

  /** Runs one command in the named workspace. */
  async run(command: string, workspaceName: string): Promise<CommandRun> {
    const workspace = this.#workspace(workspaceName);
    const [program, ...args] = words(command);
    if (program === 'cd') {
      workspace.cwd = path.resolve(workspace.cwd, args[0]!);
      return { command, output: '', code: 0 };
    }
    if (program === 'npm' && args.join(' ') === 'install') {
      linkManagets(workspace.cwd);
      return { command, output: '', code: 0 };
    }
    const { prefix, rest } = this.#resolve(program!, args, command);
    return rest[0] === 'runserver' ? this.#runserver(command, prefix, rest, workspace.cwd) : this.#runToEnd(command, [...prefix, ...rest], workspace.cwd);
  }

  /** What runs the program (`node bin/manage.js`, `./manage.ts`) and the arguments it gets. */
  #resolve(program: string, args: string[], command: string): { prefix: string[]; rest: string[] } {
    if (program === './manage.ts') return { prefix: [program], rest: args };
    if (program === 'manage') return { prefix: [process.execPath, MANAGE_BIN], rest: args };
    if (program === 'npx' && args[0] === 'manage') return { prefix: [process.execPath, MANAGE_BIN], rest: args.slice(1) };
    if (program === 'npx' && args[0] === 'managets') return { prefix: [process.execPath, MANAGETS_BIN], rest: args.slice(1) };
    throw new Error(`\`${command}\` can't run in a test: mark its block \`match\`, or teach test/helpers/readme-commands.ts to run it`);
  }

  async #runToEnd(command: string, argv: string[], cwd: string): Promise<CommandRun> {
    const result = await runProcess('/bin/sh', [...MERGED_OUTPUT, ...argv], { cwd, env: this.#env, timeoutMs: 30_000 });
    return { command, output: result.stdout, code: result.code };
  }

  async #runserver(command: string, prefix: string[], args: string[], cwd: string): Promise<CommandRun> {
    const addrport = args.slice(1).some((word) => !word.startsWith('-')) ? [] : ['127.0.0.1:0'];
    const server = this.#pool.start([], { cwd, env: this.#env, command: ['/bin/sh', [...MERGED_OUTPUT, ...prefix, ...args, ...addrport]] });
    const [, port] = await server.waitFor(/Starting development server at http:\/\/127\.0\.0\.1:(\d+)\//, 30_000, 'stdout');
    await server.waitFor(/Quit the server with CONTROL-C\.\n/, 10_000, 'stdout');
    // Answered only once the event loop has run past the banner: the SIGTERM handler is in place.
    await probe(`http://127.0.0.1:${port}${READY_PATH}`);
    const { code } = await server.stop('SIGTERM', 10_000);
    const output = server.stdout.split('\n').filter((line) => !line.includes(READY_PATH));
    return { command, output: output.join('\n').replaceAll(`127.0.0.1:${port}/`, '127.0.0.1:8000/'), code };
  }
}
