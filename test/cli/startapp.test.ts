/** `manage startapp` inside a freshly scaffolded project: the folder, the advice, and an app that loads. */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProcessPool, runManage, runManagets } from '../helpers/spawn-cli.js';
import { linkManagets, tmpDir, typeCheck } from '../helpers/tmp-project.js';

/** Every file and folder under `dir`, relative and sorted (folders end with a slash). */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? [`${relative}/`, ...tree(dir, relative)] : [relative];
  }).sort();
}

describe('manage startapp', () => {
  const workspace = tmpDir('startapp');
  const project = path.join(workspace.dir, 'mysite');

  const pool = new ProcessPool();

  before(async () => {
    const created = await runManagets(['startproject', 'mysite'], { cwd: workspace.dir });
    assert.equal(created.code, 0, created.stderr);
    linkManagets(project);
  });
  after(async () => {
    await pool.killAll();
    workspace.cleanup();
  });

  it('creates the app folder and says how to install it', async () => {
    const result = await runManage(['startapp', 'polls'], { cwd: project });
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      `Created app 'polls' in ${path.join(project, 'polls')}\n\n` +
        "To use it, add 'polls' to INSTALLED_APPS in mysite/settings.ts, after the apps already listed:\n\n" +
        "    export const INSTALLED_APPS: UserSettings['INSTALLED_APPS'] = [\n      // ...the apps already listed\n      'polls',\n    ];\n\n" +
        'and include its URLs in your ROOT_URLCONF:\n\n' +
        "    path('polls/', include('polls.urls')),\n",
    );
    assert.deepEqual(tree(path.join(project, 'polls')), [
      'apps.ts',
      'migrations/',
      'migrations/.gitkeep',
      'static/',
      'static/polls/',
      'static/polls/.gitkeep',
      'templates/',
      'templates/polls/',
      'templates/polls/.gitkeep',
      'tests/',
      'tests/.gitkeep',
      'urls.ts',
      'views.ts',
    ]);
    assert.match(readFileSync(path.join(project, 'polls', 'urls.ts'), 'utf8'), /export const appName = 'polls';/);
  });

  it('installed, the app loads with its config and the project still checks', async () => {
    const settingsFile = path.join(project, 'mysite', 'settings.ts');
    const settings = readFileSync(settingsFile, 'utf8');
    writeFileSync(settingsFile, settings.replace("= ['managets.contrib.auth'];", "= ['managets.contrib.auth', 'polls'];"));
    const apps = await runManage(['shell', '-c', 'console.log(apps.map((app) => `${app.name} ${app.label} ${app.path}`).join("\\n"))'], { cwd: project });
    assert.equal(apps.stderr, '');
    const [auth, polls] = apps.stdout.trim().split('\n');
    assert.match(auth!, /^managets\.contrib\.auth auth \S+\/dist\/contrib\/auth$/);
    assert.equal(polls, `polls polls ${path.join(project, 'polls')}`);
    const check = await runManage(['check'], { cwd: project });
    assert.equal(check.stderr, '');
    assert.equal(check.code, 0);
  });

  it("included in the project's URLconf, its URLs are routed under its namespace and everything type-checks", async () => {
    const urlsFile = path.join(project, 'mysite', 'urls.ts');
    writeFileSync(
      urlsFile,
      readFileSync(urlsFile, 'utf8')
        .replace("// import { include, path } from 'managets';", "import { include, path } from 'managets';")
        .replace('= [];', "= [path('polls/', include('polls.urls'))];"),
    );
    const urls = await runManage(['showurls'], { cwd: project });
    assert.equal(urls.stderr, '');
    assert.equal(urls.stdout, 'URL      VIEW   NAME\n/polls/  index  polls:index\n');
    const tsc = await typeCheck(project);
    assert.equal(tsc.stdout + tsc.stderr, '');
    assert.equal(tsc.code, 0);
  });

  it("runserver serves the app's view", async () => {
    const server = pool.start(['runserver', '--noreload', '127.0.0.1:0'], { cwd: project });
    const base = await server.ready();
    const response = await fetch(`${base}/polls/`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'Hello from polls at /polls/.');
    await server.stop();
  });

  it('in a nested directory: the dotted name is advised', async () => {
    mkdirSync(path.join(project, 'apps', 'blog'), { recursive: true });
    const result = await runManage(['startapp', 'blog', 'apps/blog'], { cwd: project });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /add 'apps\.blog' to INSTALLED_APPS/);
    assert.match(result.stdout, /path\('blog\/', include\('apps\.blog\.urls'\)\),/);
    assert.ok(statSync(path.join(project, 'apps', 'blog', 'views.ts')).isFile());
  });

  const errors: Array<[string[], string]> = [
    [['polls'], `CommandError: '${path.join(project, 'polls')}' already exists\n`],
    [['my-app'], "CommandError: 'my-app' is not a valid app name. Please make sure the name is a valid identifier.\n"],
    [['http'], "CommandError: 'http' conflicts with the name of an existing Node.js module and cannot be used as an app name. Please try another name.\n"],
    [['x', 'bad-dir'], "CommandError: 'bad-dir' is not a valid app directory. Please make sure the directory is a valid identifier.\n"],
    [['x', 'fs'], "CommandError: 'fs' conflicts with the name of an existing Node.js module and cannot be used as an app directory. Please try another directory.\n"],
  ];
  for (const [args, stderr] of errors) {
    it(`startapp ${args.join(' ')}: Django's error`, async () => {
      const result = await runManage(['startapp', ...args], { cwd: project });
      assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', stderr]);
    });
  }

  it('without a name: a usage error, exit 2', async () => {
    const result = await runManage(['startapp'], { cwd: project });
    assert.deepEqual([result.code, result.stderr], [2, 'error: You must provide an application name.\n']);
  });
});
