/** The dispatcher: help, version, unknown commands, usage errors, colour flags, app commands. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cleanEnv, REPO_ROOT, runManage } from '../helpers/spawn-cli.js';
import { FIXTURES, tmpProject } from '../helpers/tmp-project.js';

const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const project = path.join(FIXTURES, 'app-commands');

describe('manage dispatcher', () => {
  for (const argv of [[], ['help'], ['--help'], ['-h']]) {
    it(`\`manage ${argv.join(' ')}\` prints the main help grouped by section`, async () => {
      const result = await runManage(argv, { cwd: project });
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^\nType 'manage help <subcommand>' for help on a specific subcommand\.\n\nAvailable subcommands:\n\n\[managets\]\n    check\n/);
      assert.match(result.stdout, /\n\[polls\]\n    closepoll\n/);
    });
  }

  it('without settings, lists core commands and says why', async () => {
    const result = await runManage(['help'], { cwd: path.parse(process.cwd()).root });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Note that only managets core commands are listed as settings are not properly configured \(error: Requested settings, but settings are not configured\./);
  });

  it('--version and version print the package version', async () => {
    for (const argv of [['--version'], ['version']]) {
      const result = await runManage(argv, { cwd: project });
      assert.deepEqual([result.code, result.stdout], [0, `${version}\n`]);
    }
  });

  it('help <command> and <command> --help print that command\'s usage', async () => {
    for (const argv of [['help', 'check'], ['check', '--help']]) {
      const result = await runManage(argv, { cwd: project });
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^Usage: manage check \[options\]\n\nChecks the entire managets project for potential problems\./);
      assert.match(result.stdout, /--settings <module>/);
    }
  });

  it('help --commands lists names only', async () => {
    const result = await runManage(['help', '--commands'], { cwd: project });
    const names = result.stdout.trim().split('\n');
    assert.ok(names.includes('check') && names.includes('closepoll'));
    assert.deepEqual(names, [...names].sort());
  });

  it('unknown command with a close match suggests it, exit 1', async () => {
    const result = await runManage(['chek'], { cwd: project });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "Unknown command: 'chek'. Did you mean check?\nType 'manage help' for usage.\n");
  });

  it('unknown command with nothing close: no suggestion', async () => {
    const result = await runManage(['zzzzzz'], { cwd: project });
    assert.equal(result.stderr, "Unknown command: 'zzzzzz'\nType 'manage help' for usage.\n");
  });

  it('usage errors exit 2 with commander\'s message', async () => {
    const result = await runManage(['check', '--bogus'], { cwd: project });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--bogus'/);
  });

  it('--no-color with --force-color is a CommandError', async () => {
    const result = await runManage(['check', '--no-color', '--force-color'], { cwd: project });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "CommandError: The --no-color and --force-color options can't be used together.\n");
  });

  it('--force-color and FORCE_COLOR colour errors; NO_COLOR wins over a TTY', async () => {
    const forced = await runManage(['check', '--fail-level', 'WARNING', '--force-color'], { cwd: project });
    assert.match(forced.stderr, /\x1b\[1m\x1b\[31mSystemCheckError: /);
    const env = await runManage(['check', '--fail-level', 'WARNING'], { cwd: project, env: cleanEnv({ FORCE_COLOR: '1' }) });
    assert.match(env.stderr, /\x1b\[/);
    const none = await runManage(['check', '--fail-level', 'WARNING'], { cwd: project, env: cleanEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }) });
    assert.doesNotMatch(none.stderr, /\x1b\[/);
  });

  it('app commands run, and their CommandError exits 1 with the message', async () => {
    const ok = await runManage(['closepoll', '1', '2'], { cwd: project });
    assert.equal(ok.stdout, 'Successfully closed poll "1"\nSuccessfully closed poll "2"\n');
    const bad = await runManage(['closepoll', 'x'], { cwd: project });
    assert.deepEqual([bad.code, bad.stderr], [1, 'CommandError: Poll "x" does not exist\n']);
  });
});

describe('manage check', () => {
  it('app checks appear in the report as warnings, exit 0', async () => {
    const result = await runManage(['check'], { cwd: project });
    assert.equal(result.code, 0);
    assert.equal(result.stderr, 'System check identified some issues:\n\nWARNINGS:\npolls: (polls.W001) Polls are open to everyone in DEBUG.\n\nSystem check identified 1 issue (0 silenced).\n');
  });

  it('--fail-level WARNING makes warnings fatal', async () => {
    const result = await runManage(['check', '--fail-level', 'WARNING'], { cwd: project });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^SystemCheckError: System check identified some issues:/);
  });

  it('SILENCED_SYSTEM_CHECKS silences and counts', async () => {
    const result = await runManage(['check', '--settings', 'proj.silenced'], { cwd: project });
    assert.deepEqual([result.code, result.stderr, result.stdout], [0, '', 'System check identified no issues (1 silenced).\n']);
  });

  it('--tag runs only the checks with that tag', async () => {
    const result = await runManage(['check', '--tag', 'polls', '--deploy'], { cwd: project });
    assert.match(result.stderr, /WARNINGS:\npolls: \(polls\.W001\)/);
    assert.doesNotMatch(result.stderr, /security\.W018/);
  });

  it('--deploy adds the deployment checks', async () => {
    const result = await runManage(['check', '--deploy'], { cwd: project });
    assert.match(result.stderr, /\?: \(security\.W018\) You should not have DEBUG set to True in deployment\./);
  });

  it('--list-tags and unknown tags', async () => {
    const tags = await runManage(['check', '--list-tags'], { cwd: project });
    assert.ok(tags.stdout.split('\n').includes('polls'));
    const unknown = await runManage(['check', '--tag', 'nope'], { cwd: project });
    assert.deepEqual([unknown.code, unknown.stderr], [1, 'CommandError: There is no system check with the "nope" tag.\n']);
  });

  it("an installed app's command replaces a built-in of the same name, except runserver", async () => {
    const copy = tmpProject('app-commands');
    try {
      const commands = path.join(copy.dir, 'polls', 'management', 'commands');
      const replacement = (name: string) =>
        `import { defineCommand } from 'managets';\nexport default defineCommand({ help: 'The polls ${name}.', handle(context) { context.stdout.write('polls ${name}\\n'); } });\n`;
      writeFileSync(path.join(commands, 'diffsettings.ts'), replacement('diffsettings'));
      writeFileSync(path.join(commands, 'runserver.ts'), replacement('runserver'));
      const replaced = await runManage(['diffsettings'], { cwd: copy.dir });
      assert.deepEqual([replaced.code, replaced.stdout, replaced.stderr], [0, 'polls diffsettings\n', '']);
      const help = await runManage(['help', 'diffsettings'], { cwd: copy.dir });
      assert.match(help.stdout, /The polls diffsettings\./);
      const runserver = await runManage(['runserver', '--help'], { cwd: copy.dir });
      assert.match(runserver.stdout, /^Usage: manage runserver \[options\] \[addrport\]/);
    } finally {
      copy.cleanup();
    }
  });
});
