/**
 * Every fenced code block of README.md is checked, as the `<!-- readme-test: ... -->` marker
 * above it says (test/helpers/readme-blocks.ts has the convention). The ts and sql `file=` blocks
 * become a real project, type-checked and run: the README's own commands in it, migrate and back,
 * the database example in `manage shell`, `./manage.ts`, and the production `server.ts` over HTTP.
 * The tutorial's files (`in=tutorial`) are written into its workspace between its commands, then
 * that project is type-checked and served. Fragments are type-checked; `run` commands run for real
 * and `output` blocks must match what they print; `match` commands must exist; trees must list real
 * paths. The last test fails for any block nothing checked, saying how to cover it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { request } from '../helpers/http.js';
import { waitForResponse } from '../helpers/http-probe.js';
import { freePort } from '../helpers/http-server.js';
import { label, normaliseOutput, readmeBlocks, type Block } from '../helpers/readme-blocks.js';
import { ReadmeShell, shellCommands, type CommandRun } from '../helpers/readme-commands.js';
import { buildReadmeProject, typeCheckReadmeProject, writeWorkspaceFile } from '../helpers/readme-project.js';
import { cleanEnv, ProcessPool, REPO_ROOT, runManage } from '../helpers/spawn-cli.js';
import { typeCheck } from '../helpers/tmp-project.js';

const TSX_CLI = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

let blocks: Block[] = [];
let markerProblem: unknown;
try {
  blocks = readmeBlocks(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
} catch (error) {
  markerProblem = error;
}

/**
 * What passed: `typecheck:<workspace>`, `ran:<project file>` (`ran:<workspace>:<file>` for an
 * `in=WORKSPACE` one), `block:<line>` (a block's own check).
 */
const passed = new Set<string>();
const ran = (...files: string[]) => files.forEach((file) => passed.add(`ran:${file}`));

/** The project files a README command runs: its output block matching shows they work. */
const RUN_BY_COMMAND: Record<string, string[]> = {
  'npx manage closepoll 1 2': ['polls/management/commands/closepoll.ts'],
  'npx manage check': ['polls/apps.ts'],
};

/** Why a block is not (yet) checked, or undefined when it is. */
function missing(block: Block): string | undefined {
  const { kind, arg, options } = block.marker;
  const workspace = typeof options.in === 'string' ? options.in : undefined;
  if (block.lang === 'ts' && !passed.has(`typecheck:${workspace ?? 'project'}`)) return 'not type-checked';
  if (kind === 'fragment') return undefined;
  if (kind === 'file') {
    if (passed.has(workspace ? `ran:${workspace}:${arg}` : `ran:${arg}`)) return undefined;
    if (workspace) return `nothing served the ${workspace} workspace with ${arg} in it: add a test that does to test/cli/readme-examples.test.ts`;
    return `nothing ran ${arg}: add a check that runs it to "the README project runs" (or RUN_BY_COMMAND) in test/cli/readme-examples.test.ts, or mark the block \`fragment\``;
  }
  return passed.has(`block:${block.line}`) ? undefined : 'its check did not pass';
}

/** True when `lines` occur in `text` as consecutive whole lines. */
function hasLines(text: string, lines: string): boolean {
  return `\n${text}\n`.includes(`\n${lines}\n`);
}

/** The files of a tree block: lines indented by at most 2 spaces, their first word, the root line aside. */
function treeEntries(block: Block): string[] {
  const root = block.marker.arg!;
  return block.body
    .split('\n')
    .filter((line) => /^ {0,2}\S/.test(line))
    .map((line) => line.trim().split(/\s+/)[0]!)
    .filter((entry) => entry !== `${root}/`);
}

/** A command a test can't run exists: `npm <script>` is npm's own or one of package.json's scripts. */
function assertExists(command: string): void {
  const [program, ...args] = command.split(/\s+/);
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  if (program === 'npm') {
    const script = args[0] === 'run' ? args[1]! : args[0]!;
    if (args[0] !== 'install') assert.ok(script in scripts, `\`${command}\`: package.json has no "${script}" script`);
    return;
  }
  assert.fail(`\`${command}\`: teach assertExists in test/cli/readme-examples.test.ts how to check it exists`);
}

describe('README code blocks', () => {
  const pool = new ProcessPool();
  const project = buildReadmeProject(blocks);
  const shell = new ReadmeShell(pool);
  shell.addWorkspace('project', project.dir);
  after(async () => {
    await pool.killAll();
    shell.cleanup();
    project.cleanup();
  });

  it('each has a readme-test marker its language can take', () => {
    if (markerProblem) throw markerProblem;
    assert.ok(blocks.length > 0);
  });

  it('every ts block (files and fragments) type-checks against the built managets', async () => {
    assert.equal(await typeCheckReadmeProject(project), '');
    passed.add('typecheck:project');
  });

  describe('their commands run, in README order, and print what the README shows', () => {
    let last: { run: CommandRun; workspace: string } | undefined;
    const runAll = async (commands: string[], workspace: string) => {
      last = undefined;
      for (const command of commands) {
        const run = await shell.run(command, workspace);
        assert.equal(run.code, 0, `\`${command}\` exited with ${run.code}:\n${run.output}`);
        last = { run, workspace };
      }
    };
    for (const block of blocks) {
      const { kind, arg, options } = block.marker;
      if (kind === 'file' && typeof options.in === 'string') {
        const workspace = options.in;
        it(`${label(block)}: written into the ${workspace} workspace`, () => writeWorkspaceFile(shell.cwd(workspace), block));
      }
      if (kind === 'run') {
        it(`${label(block)}: ${shellCommands(block.body).join(' && ')}`, async () => {
          await runAll(shellCommands(block.body), arg!);
          passed.add(`block:${block.line}`);
        });
      }
      if (kind === 'output') {
        it(label(block), async () => {
          if (typeof options.run === 'string') await runAll(shellCommands(options.run), String(options.in ?? 'project'));
          assert.ok(last, 'no command to compare with: put a `run` block above this one, or give it run="..."');
          const [expected, actual] = [normaliseOutput(block.body), normaliseOutput(last.run.output)];
          if (options.part) assert.ok(hasLines(actual, expected), `\`${last.run.command}\` printed:\n${actual}\n\nwhich does not contain:\n${expected}`);
          else assert.equal(actual, expected, `\`${last.run.command}\` printed something else`);
          if (last.workspace === 'project') ran(...(RUN_BY_COMMAND[last.run.command] ?? []));
          passed.add(`block:${block.line}`);
        });
      }
    }
  });

  describe('the README project runs', () => {
    const manage = (args: string[], env: Record<string, string> = {}) => runManage(args, { cwd: project.dir, env: cleanEnv(env) });

    it('migrate applies blog/migrations/0001_initial.sql, and `migrate blog zero` unapplies it with its down section', async () => {
      const up = await manage(['migrate']);
      assert.equal(up.code, 0, up.stdout + up.stderr);
      assert.match(up.stdout, /Applying blog\.0001_initial\.\.\. OK\n/);
      const down = await manage(['migrate', 'blog', 'zero']);
      assert.equal(down.code, 0, down.stdout + down.stderr);
      assert.match(down.stdout, /Unapplying blog\.0001_initial\.\.\. OK\n/);
      const again = await manage(['migrate']);
      assert.match(again.stdout, /Applying blog\.0001_initial\.\.\. OK\n/);
      ran('blog/migrations/0001_initial.sql');
    });

    it('the database example (blog/queries.ts) runs against those tables, in manage shell', async () => {
      const superuser = await manage(['createsuperuser', '--noinput'], {
        MANAGE_SUPERUSER_USERNAME: 'ada',
        MANAGE_SUPERUSER_PASSWORD: 'correct horse battery staple',
        MANAGE_SUPERUSER_EMAIL: 'ada@example.com',
      });
      assert.equal(superuser.code, 0, superuser.stdout + superuser.stderr);
      const code = "await importModule('blog.queries'); console.log(JSON.stringify(db().query('SELECT author_id, title, body, views FROM blog_post')))";
      const result = await manage(['shell', '-c', code]);
      assert.equal(result.stderr, '');
      assert.deepEqual(JSON.parse(result.stdout), [{ author_id: 1, title: 'Hello', body: 'The first post.', views: 1 }]);
      ran('blog/queries.ts');
    });

    it('./manage.ts runs manage (through managets/register) on the project', async () => {
      const result = await shell.run('./manage.ts showurls --format json', 'project');
      assert.equal(result.code, 0, result.output);
      const urls = (JSON.parse(result.output) as Array<{ url: string }>).map((pattern) => pattern.url);
      assert.ok(urls.includes('/articles/<int:year>/<slug:slug>/'), result.output);
      ran('manage.ts');
    });

    /** `npx tsx server.ts` with PORT set, as the README says to run it; resolves with its base URL. */
    async function startServer(env: Record<string, string> = {}) {
      const port = await freePort();
      const server = pool.start([], { cwd: project.dir, env: cleanEnv({ PORT: String(port), ...env }), command: [process.execPath, [TSX_CLI, 'server.ts']] });
      const base = `http://127.0.0.1:${port}`;
      await waitForResponse(`${base}/`, (probe) => probe.status !== undefined || server.child.exitCode !== null, 20_000);
      assert.equal(server.child.exitCode, null, `server.ts exited:\n${server.stdout}${server.stderr}`);
      return { base, stop: () => server.stop() };
    }

    it("server.ts serves the README's URLconf, views and templates over HTTP", async () => {
      const server = await startServer();
      const get = async (url: string, method = 'GET') => request(`${server.base}${url}`, { method });
      const json = async (url: string) => JSON.parse((await get(url)).body) as unknown;
      assert.equal((await get('/')).body, 'index');
      assert.deepEqual(await json('/articles/2026/hello-world/'), { view: 'article', year: 2026, slug: 'hello-world' });
      assert.deepEqual(await json('/archive/2026/'), { view: 'archive', year: '2026' });
      assert.deepEqual(await json('/api/users/7'), { view: 'user', id: '7' });
      assert.deepEqual(await json('/api/users/7/posts'), { view: 'user', id: '7', tab: 'posts' });
      const detail = await get('/blog/posts/1/');
      assert.equal(detail.body, '<h1>Hello, README</h1>');
      assert.match(String(detail.headers['set-cookie']), /^sessionid=/);
      assert.equal((await get('/blog/posts/2/')).status, 404);
      const vote = await get('/blog/vote/', 'POST');
      assert.equal(vote.status, 302);
      assert.equal(vote.headers.location, '/blog/polls/1/results/');
      assert.equal((await get('/blog/vote/')).status, 405);
      assert.deepEqual(await json('/blog/posts/'), [{ title: 'Hello, README' }]);
      assert.equal((await get('/blog/about/')).body.trim(), '<h1>About README site</h1>');
      assert.equal((await get('/eu/')).body, 'shop');
      await server.stop();
      ran('server.ts', 'mysite/settings.ts', 'mysite/urls.ts', 'mysite/views.ts');
    });

    it('server.ts with the staticPatterns() URLconf as the root one serves MEDIA_ROOT', async () => {
      const server = await startServer({ MANAGE_SETTINGS_MODULE: 'mysite.settings_media' });
      assert.equal((await request(`${server.base}/`)).body, 'index');
      const media = await request(`${server.base}/media/hello.txt`);
      assert.equal(media.status, 200);
      assert.equal(media.body, 'an uploaded file\n');
      assert.equal((await request(`${server.base}/media/missing.txt`)).status, 404);
      await server.stop();
      ran('mysite/media_urls.ts');
    });
  });

  describe('the tutorial project, as its blocks left it', () => {
    const files = blocks.filter((block) => block.marker.options.in === 'tutorial').map((block) => block.marker.arg!);

    it('type-checks with the tsconfig.json startproject wrote', async () => {
      const result = await typeCheck(shell.cwd('tutorial'));
      assert.equal((result.stdout + result.stderr).trim(), '', `in ${shell.cwd('tutorial')}`);
      passed.add('typecheck:tutorial');
    });

    it('runserver --noreload serves the polls index through its layout and partial, a detail view and the stylesheet', async () => {
      const server = pool.start(['runserver', '--noreload', '127.0.0.1:0'], { cwd: shell.cwd('tutorial'), env: cleanEnv() });
      const base = await server.ready();
      const index = await request(`${base}/polls/`);
      assert.equal(index.status, 200, index.body);
      assert.match(index.body, /<title>Polls<\/title>/);
      assert.match(index.body, /<link rel="stylesheet" href="\/static\/polls\/style\.css">/);
      assert.match(index.body, /<h1>Latest questions<\/h1>/);
      assert.match(index.body, /<li><a href="\/polls\/1\/">What&#39;s new\?<\/a><\/li>\s*<li><a href="\/polls\/2\/">/);
      assert.equal((await request(`${base}/polls/1/`)).body, "You're looking at question 1.");
      assert.equal((await request(`${base}/polls/3/`)).status, 404);
      const css = await request(`${base}/static/polls/style.css`);
      assert.equal(css.status, 200);
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
      assert.equal(css.body, blocks.find((block) => block.lang === 'css' && block.marker.options.in === 'tutorial')?.body);
      await server.stop();
      files.forEach((file) => passed.add(`ran:tutorial:${file}`));
    });
  });

  for (const block of blocks.filter((b) => b.marker.kind === 'match')) {
    it(`${label(block)}: each command exists`, () => {
      shellCommands(block.body).forEach(assertExists);
      passed.add(`block:${block.line}`);
    });
  }

  for (const block of blocks.filter((b) => b.marker.kind === 'tree')) {
    it(`${label(block)}: lists paths that exist`, () => {
      const root = path.join(REPO_ROOT, block.marker.arg!);
      const entries = treeEntries(block);
      assert.deepEqual(entries.filter((entry) => !existsSync(path.join(root, entry)) || (entry.endsWith('/') && !statSync(path.join(root, entry)).isDirectory())), []);
      const covers = block.marker.options.covers;
      if (typeof covers === 'string') {
        const listed = new Set(entries.map((entry) => entry.replace(/\/$/, '')));
        assert.deepEqual(readdirSync(path.join(root, covers)).map((name) => `${covers}/${name}`).filter((entry) => !listed.has(entry)), [], `unlisted entries of ${covers}/`);
      }
      passed.add(`block:${block.line}`);
    });
  }

  it('every block was checked', () => {
    assert.deepEqual(blocks.flatMap((block) => (missing(block) ? [`${label(block)}: ${missing(block)}`] : [])), []);
  });
});
