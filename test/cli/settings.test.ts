/**
 * The settings grid (Django's admin_scripts scenarios): no settings, package.json field, env var,
 * --settings, a missing module, a syntax error, a throw at load, a wrong type.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cleanEnv, runManage } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

const fixture = (name: string) => path.join(FIXTURES, name);

describe('settings resolution', () => {
  it('no settings: check fails with Django\'s wording naming MANAGE_SETTINGS_MODULE and --settings', async () => {
    const result = await runManage(['check'], { cwd: path.parse(process.cwd()).root });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      'ImproperlyConfigured: Requested settings, but settings are not configured. You must either define the environment variable MANAGE_SETTINGS_MODULE or pass --settings before accessing settings.\n',
    );
  });

  it('package.json field: check passes', async () => {
    const result = await runManage(['check'], { cwd: fixture('basic') });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'System check identified no issues (0 silenced).\n');
    assert.equal(result.code, 0);
  });

  it('env var: MANAGE_SETTINGS_MODULE beats package.json', async () => {
    const result = await runManage(['check'], { cwd: fixture('basic'), env: cleanEnv({ MANAGE_SETTINGS_MODULE: 'proj.nope' }) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^ImproperlyConfigured: Settings module 'proj\.nope' could not be found\. Tried:\n/);
    assert.ok(result.stderr.includes(path.join(fixture('basic'), 'proj', 'nope.ts')));
    assert.ok(result.stderr.includes(path.join(fixture('basic'), 'proj', 'nope', 'index.mjs')));
  });

  it('--settings beats the env var and accepts a file path', async () => {
    const env = cleanEnv({ MANAGE_SETTINGS_MODULE: 'proj.nope' });
    const dotted = await runManage(['check', '--settings', 'proj.settings'], { cwd: fixture('basic'), env });
    assert.equal(dotted.code, 0, dotted.stderr);
    const file = await runManage(['check', '--settings=./proj/settings.ts'], { cwd: fixture('basic'), env });
    assert.equal(file.code, 0, file.stderr);
  });

  it('--pythonpath: dotted names resolve against another directory', async () => {
    const result = await runManage(['check', '--pythonpath', fixture('basic'), '--settings', 'proj.settings'], { cwd: path.parse(process.cwd()).root });
    assert.equal(result.code, 0, result.stderr);
  });

  it('syntax error: file:line:column, the message and a code frame, no stack of ours', async () => {
    const result = await runManage(['check'], { cwd: fixture('syntax-error') });
    const file = path.join(fixture('syntax-error'), 'proj', 'settings.ts');
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `Settings module 'proj.settings' could not be loaded (${file}:4:7):\nSyntaxError: Expected "]" but found "'c'"\n\n` +
        `  2 | export const ALLOWED_HOSTS = [\n  3 |   'a',\n> 4 |   'b' 'c',\n    |       ^\n  5 | ];\n  6 | \n`,
    );
  });

  it('a throw at load: the user frame, not ours', async () => {
    const result = await runManage(['check'], { cwd: fixture('throws') });
    const file = path.join(fixture('throws'), 'proj', 'settings.ts');
    assert.equal(result.code, 1);
    assert.ok(result.stderr.startsWith(`Settings module 'proj.settings' could not be loaded (${file}:4:9):\nError: PORT must be a number\n`), result.stderr);
    assert.ok(!result.stderr.includes('node_modules'), result.stderr);
    assert.ok(!result.stderr.includes('dist/'), result.stderr);
  });

  it('wrong type: a system check error, exit 1', async () => {
    const result = await runManage(['check'], { cwd: fixture('wrong-types') });
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'SystemCheckError: System check identified some issues:\n\nERRORS:\n' +
        '?: (settings.E001) The DEBUG setting must be a boolean, not the string "yes".\n\tHINT: Set DEBUG in proj.settings to a boolean.\n\n' +
        'System check identified 1 issue (0 silenced).\n',
    );
  });

  it('--traceback shows the original stack', async () => {
    const result = await runManage(['check', '--traceback'], { cwd: fixture('throws') });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /\n\s+at .*settings\.ts:4:9/);
  });
});

describe('diffsettings', () => {
  it('prints what differs, masks secrets, marks unknown names with ###', async () => {
    const result = await runManage(['diffsettings'], { cwd: fixture('app-commands') });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'DEBUG = true\nINSTALLED_APPS = ["polls"]\nSECRET_KEY = ********************\n');
  });

  it('--all marks defaults with ###', async () => {
    const result = await runManage(['diffsettings', '--all'], { cwd: fixture('app-commands') });
    assert.match(result.stdout, /^### APPEND_SLASH = true$/m);
    assert.match(result.stdout, /^DEBUG = true$/m);
    assert.match(result.stdout, /^### SESSION_COOKIE_NAME = "sessionid"$/m);
  });
});
