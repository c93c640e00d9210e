/**
 * `managets startproject` from an empty directory: the files, a project that checks, type-checks
 * and runs through its own `./manage.ts`, and Django's errors for bad names and directories.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_MIDDLEWARE } from '../../src/conf/defaults.js';
import { ProcessPool, REPO_ROOT, runManage, runManagets, runProcess } from '../helpers/spawn-cli.js';
import { linkManagets, tmpDir, typeCheck } from '../helpers/tmp-project.js';

const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Every file under `dir` (node_modules aside), relative and sorted. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      return entry.isDirectory() ? files(dir, relative) : [relative];
    })
    .sort();
}

describe('managets startproject', () => {
  const workspace = tmpDir('startproject');
  const project = path.join(workspace.dir, 'mysite');
  const pool = new ProcessPool();
  let created: Awaited<ReturnType<typeof runManagets>>;

  before(async () => {
    created = await runManagets(['startproject', 'mysite'], { cwd: workspace.dir });
    linkManagets(project);
  });
  after(async () => {
    await pool.killAll();
    workspace.cleanup();
  });

  it('creates the project and says what to do next', () => {
    assert.equal(created.stderr, '');
    assert.equal(created.code, 0);
    assert.equal(
      created.stdout,
      `Created project 'mysite' in ${project}\n\nNext:\n    cd mysite\n    npm install\n    npm run dev        # or: npx manage runserver\n`,
    );
    assert.deepEqual(files(project), ['.gitignore', 'manage.ts', 'mysite/settings.ts', 'mysite/urls.ts', 'package.json', 'tsconfig.json']);
  });

  it('package.json: an ES module depending on this managets version, with the scripts and the settings field', () => {
    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'mysite');
    assert.equal(manifest.type, 'module');
    assert.deepEqual(manifest.dependencies, { managets: `^${version}` });
    assert.equal(manifest.scripts.dev, 'manage runserver');
    assert.equal(manifest.scripts.start, 'manage runserver');
    assert.equal(manifest.scripts.check, 'manage check');
    assert.deepEqual(manifest.manage, { settings: 'mysite.settings' });
  });

  it("settings: a fresh insecure-prefixed key, DEBUG, the auth app, Django's default middleware, SQLite, urls, templates, static", async () => {
    const result = await runManage(['shell', '-c', 'console.log(JSON.stringify(settings))'], { cwd: project });
    assert.equal(result.stderr, '');
    const settings = JSON.parse(result.stdout);
    assert.match(settings.SECRET_KEY, /^managets-insecure-[a-z0-9!@#$%^&*(\-_=+)]{50}$/);
    assert.equal(settings.DEBUG, true);
    assert.deepEqual(settings.ALLOWED_HOSTS, []);
    assert.deepEqual(settings.INSTALLED_APPS, ['managets.contrib.auth']);
    assert.deepEqual(settings.MIDDLEWARE, DEFAULT_MIDDLEWARE);
    assert.deepEqual(settings.DATABASES, { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } });
    assert.equal(settings.ROOT_URLCONF, 'mysite.urls');
    assert.deepEqual(settings.TEMPLATES, [{ DIRS: [], APP_DIRS: true, OPTIONS: { context_processors: ['managets.contextProcessors.messages'] } }]);
    assert.equal(settings.STATIC_URL, 'static/');
    assert.deepEqual(settings.DATABASES, { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } });
  });

  it('each project gets its own secret key', async () => {
    const other = await runManagets(['startproject', 'othersite'], { cwd: workspace.dir });
    assert.equal(other.code, 0);
    const key = (dir: string) => /SECRET_KEY[^=]*= '([^']+)'/.exec(readFileSync(path.join(dir, 'settings.ts'), 'utf8'))![1];
    assert.notEqual(key(path.join(workspace.dir, 'othersite', 'othersite')), key(path.join(project, 'mysite')));
  });

  it('manage check passes', async () => {
    const result = await runManage(['check'], { cwd: project });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'System check identified no issues (0 silenced).\n');
    assert.equal(result.code, 0);
  });

  it('./manage.ts is executable and runs the command with its default settings module', async () => {
    const manage = path.join(project, 'manage.ts');
    assert.ok(statSync(manage).mode & 0o100, 'manage.ts is executable');
    assert.match(readFileSync(manage, 'utf8'), /^#!\/usr\/bin\/env -S node --import managets\/register\n/);
    // No package.json field here: the settings module must come from manage.ts itself.
    const manifest = path.join(project, 'package.json');
    const original = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(original), manage: undefined }));
    try {
      const result = await runProcess(manage, ['check'], { cwd: project });
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, 'System check identified no issues (0 silenced).\n');
      assert.equal(result.code, 0);
    } finally {
      writeFileSync(manifest, original);
    }
  });

  it('manage runserver says to migrate, and serves the welcome page at /', async () => {
    const server = pool.start(['runserver', '--noreload', '127.0.0.1:0'], { cwd: project });
    const base = await server.ready();
    const response = await fetch(`${base}/`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /The install worked successfully! Congratulations!/);
    assert.match(server.stdout, /\nYou have 1 unapplied migration\(s\)\. Your project may not work properly until you apply the migrations for app\(s\): auth\.\nRun 'manage migrate' to apply them\.\n/);
    await server.stop();
  });

  it('type-checks under its own strict tsconfig', async () => {
    const result = await typeCheck(project);
    assert.equal(result.stdout + result.stderr, '');
    assert.equal(result.code, 0);
  });

  it('-v 2 names each file it creates', async () => {
    const result = await runManagets(['startproject', 'verbose', '-v', '2'], { cwd: workspace.dir });
    assert.equal(result.code, 0);
    assert.ok(result.stdout.includes(`Creating ${path.join(workspace.dir, 'verbose', 'verbose', 'settings.ts')}\n`));
  });
});

describe('startproject errors (Django wording, nothing created)', () => {
  const workspace = tmpDir('startproject-errors');
  before(() => {
    mkdirSync(path.join(workspace.dir, 'taken'));
    mkdirSync(path.join(workspace.dir, 'node_modules', 'leftpad'), { recursive: true });
    writeFileSync(path.join(workspace.dir, 'node_modules', 'leftpad', 'package.json'), '{"name":"leftpad"}');
  });
  after(() => workspace.cleanup());

  const cases: Array<[string[], string]> = [
    [['123'], "CommandError: '123' is not a valid project name. Please make sure the name is a valid identifier.\n"],
    [['my-site'], "CommandError: 'my-site' is not a valid project name. Please make sure the name is a valid identifier.\n"],
    [['os'], "CommandError: 'os' conflicts with the name of an existing Node.js module and cannot be used as a project name. Please try another name.\n"],
    [['leftpad'], "CommandError: 'leftpad' conflicts with the name of an existing Node.js module and cannot be used as a project name. Please try another name.\n"],
    [['managets'], "CommandError: 'managets' conflicts with the name of an existing Node.js module and cannot be used as a project name. Please try another name.\n"],
    [['taken'], `CommandError: '${path.join(workspace.dir, 'taken')}' already exists\n`],
    [['mysite', 'nowhere'], `CommandError: Destination directory '${path.join(workspace.dir, 'nowhere')}' does not exist, please create it first.\n`],
    [['mysite', '--template', 'nowhere'], "CommandError: couldn't handle project template nowhere.\n"],
  ];
  for (const [args, stderr] of cases) {
    it(`startproject ${args.join(' ')}`, async () => {
      const result = await runManagets(['startproject', ...args], { cwd: workspace.dir });
      assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', stderr]);
    });
  }

  it('nothing was created by the failures', () => {
    assert.deepEqual(readdirSync(workspace.dir).sort(), ['node_modules', 'taken']);
  });

  it('without a name: a usage error, exit 2', async () => {
    const result = await runManagets(['startproject'], { cwd: workspace.dir });
    assert.deepEqual([result.code, result.stderr], [2, 'error: You must provide a project name.\n']);
  });

  it('into an existing directory: conflicting files are refused, not overwritten', async () => {
    const target = path.join(workspace.dir, 'taken');
    writeFileSync(path.join(target, 'package.json'), '{}');
    const result = await runManagets(['startproject', 'inplace', 'taken'], { cwd: workspace.dir });
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `CommandError: ${path.join(target, 'package.json')} already exists. Overlaying a project into an existing directory won't replace conflicting files.\n`,
    );
    assert.equal(readFileSync(path.join(target, 'package.json'), 'utf8'), '{}');
  });
});

describe('startproject into a directory, and --template', () => {
  const workspace = tmpDir('startproject-template');
  after(() => workspace.cleanup());

  it('mysite . fills the current directory', async () => {
    const here = path.join(workspace.dir, 'here');
    mkdirSync(here);
    const result = await runManagets(['startproject', 'mysite', '.'], { cwd: here });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `Created project 'mysite' in ${here}\n\nNext:\n    npm install\n    npm run dev        # or: npx manage runserver\n`);
    assert.ok(files(here).includes('mysite/settings.ts'));
  });

  it('--template copies a custom layout: project_name renamed, -tpl dropped, only .ts/.json and -n files rendered', async () => {
    const layout = path.join(workspace.dir, 'layout');
    mkdirSync(path.join(layout, 'project_name'), { recursive: true });
    mkdirSync(path.join(layout, '.git'));
    mkdirSync(path.join(layout, 'skipme'));
    writeFileSync(path.join(layout, '.git', 'HEAD'), 'ref');
    writeFileSync(path.join(layout, 'skipme', 'x.ts'), '');
    writeFileSync(path.join(layout, 'project_name', 'app.ts-tpl'), "export const name = '{{ project_name }}'; // {{ camel_case_project_name }} {{ unknown }}\n");
    writeFileSync(path.join(layout, 'notes.md'), '{{ project_name }}\n');
    writeFileSync(path.join(layout, 'Procfile'), 'web: {{ project_name }}\n');
    const result = await runManagets(['startproject', 'my_blog', '--template', layout, '-n', 'Procfile', '-x', 'skipme'], { cwd: workspace.dir });
    assert.equal(result.stderr, '');
    const project = path.join(workspace.dir, 'my_blog');
    assert.deepEqual(files(project), ['Procfile', 'my_blog/app.ts', 'notes.md']);
    assert.equal(readFileSync(path.join(project, 'my_blog', 'app.ts'), 'utf8'), "export const name = 'my_blog'; // MyBlog {{ unknown }}\n");
    assert.equal(readFileSync(path.join(project, 'notes.md'), 'utf8'), '{{ project_name }}\n');
    assert.equal(readFileSync(path.join(project, 'Procfile'), 'utf8'), 'web: my_blog\n');
  });
});
