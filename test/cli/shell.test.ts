/**
 * `manage shell`: -c and piped code run once (output only through console.log, as Django's), errors
 * exit 1 without our stack; the interactive REPL (under a pty) takes TypeScript and top-level await.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanEnv, ProcessPool, runManage } from '../helpers/spawn-cli.js';
import { FIXTURES, tmpDir } from '../helpers/tmp-project.js';

const project = path.join(FIXTURES, 'basic');

describe('manage shell', () => {
  const pool = new ProcessPool();
  const home = tmpDir('shell-home');
  after(async () => {
    await pool.killAll();
    home.cleanup();
  });

  it('-c runs code with settings, apps and importModule in scope; top-level await works', async () => {
    const code = "const m = await importModule('proj.settings'); console.log(settings.DEBUG, apps.length, m.SECRET_KEY === settings.SECRET_KEY)";
    const result = await runManage(['shell', '-c', code], { cwd: project });
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, 'true 0 true\n', '']);
  });

  it('-c prints nothing but what the code prints', async () => {
    const result = await runManage(['shell', '-c', '1 + 1'], { cwd: project });
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, '', '']);
  });

  it('code piped on stdin runs once', async () => {
    const result = await runManage(['shell'], { cwd: project, input: 'const n = 40;\nconsole.log(n + 2);\n' });
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, '42\n', '']);
  });

  it('an error in the code: its message, exit 1, no managets frames', async () => {
    const result = await runManage(['shell', '-c', "throw new TypeError('boom')"], { cwd: project });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^TypeError: boom\n/);
    assert.ok(!result.stderr.includes('dist/'), result.stderr);
  });

  it('a syntax error: the message only, exit 1', async () => {
    const result = await runManage(['shell', '-c', 'this is not code'], { cwd: project });
    assert.deepEqual([result.code, result.stderr], [1, "SyntaxError: Unexpected identifier 'is'\n"]);
  });

  it('importModule of a missing module: the paths tried', async () => {
    const result = await runManage(['shell', '-c', "await importModule('proj.nope')"], { cwd: project });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^No module named 'proj\.nope'\. Tried:\n {4}.*proj\/nope\.ts\n/);
  });

  it('reverse and resolve use ROOT_URLCONF, namespaces included', async () => {
    const code = "console.log(reverse('polls:detail', { kwargs: { question_id: 3 } }), resolve('/api/items/7').viewName)";
    const result = await runManage(['shell', '-c', code], { cwd: path.join(FIXTURES, 'showurls') });
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, '/polls/3/ v1:item\n', '']);
  });

  it('a project without a URLconf still gets a shell; reverse() says why it cannot work', async () => {
    const result = await runManage(['shell', '-c', "console.log(typeof settings); reverse('home')"], { cwd: project });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'object\n');
    assert.match(result.stderr, /^ImproperlyConfigured: The ROOT_URLCONF setting must name the module that defines urlpatterns\.\n/);
  });

  it('without settings: the settings error, like every project command', async () => {
    const result = await runManage(['shell', '-c', '1'], { cwd: path.parse(process.cwd()).root });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^ImproperlyConfigured: Requested settings, but settings are not configured\./);
  });

  it('interactive (under a pty): TypeScript syntax, top-level await, results echoed, .exit leaves', async () => {
    const shell = pool.start(['shell'], {
      cwd: project,
      // HOME keeps the REPL's history file out of the real home.
      env: cleanEnv({ HOME: home.dir, NO_COLOR: '1', TERM: 'dumb' }),
      terminal: true,
    });
    await shell.waitFor(/In scope: settings, apps, importModule, reverse, resolve, db\./);
    // Typed and pasted lines alike run in order, including a multi-line TypeScript entry and an await.
    shell.child.stdin!.write(
      [
        'const n: number = settings.DEBUG ? 20 : 0',
        'function twice(x: number): number {',
        '  return x * 2;',
        '}',
        "const m = await importModule('proj.settings')",
        'twice(n) + m.ALLOWED_HOSTS.length + 2',
        '',
      ].join('\n'),
    );
    await shell.waitFor(/\b42\b/);
    shell.child.stdin!.write('.exit\n');
    assert.deepEqual(await shell.exited, { code: 0, signal: null });
  });
});
