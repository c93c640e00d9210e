/** `manage completion`: the script is valid bash and completes commands (project ones too) and options. */
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, MANAGE_BIN, runManage, runProcess } from '../helpers/spawn-cli.js';
import { FIXTURES, tmpDir } from '../helpers/tmp-project.js';

const project = path.join(FIXTURES, 'app-commands');

describe('manage completion', () => {
  const bin = tmpDir('completion');
  let script = '';

  before(async () => {
    // `manage` on PATH, as npm's node_modules/.bin would put it.
    const manage = path.join(bin.dir, 'manage');
    writeFileSync(manage, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(MANAGE_BIN)} "$@"\n`);
    chmodSync(manage, 0o755);
    const result = await runManage(['completion'], { cwd: project });
    assert.equal(result.code, 0);
    script = result.stdout;
  });
  after(() => bin.cleanup());

  /** COMPREPLY after completing the last of `words` in bash. */
  async function complete(words: string[]): Promise<string[]> {
    const shell = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _manage_completion; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = await runProcess('bash', ['-c', shell], { cwd: project, env: cleanEnv({ PATH: `${bin.dir}:${process.env.PATH}` }) });
    assert.equal(result.stderr, '');
    return result.stdout.split('\n').filter(Boolean);
  }

  it('registers itself for manage, managets and manage.ts', () => {
    assert.match(script, /^complete -o default -F _manage_completion manage managets manage\.ts$/m);
  });

  it('completes command names, including the project apps\' commands', async () => {
    assert.deepEqual(await complete(['manage', 'st']), ['startapp', 'startproject']);
    assert.deepEqual(await complete(['manage', 'clo']), ['closepoll']);
  });

  it("completes a command's options from its --help", async () => {
    assert.deepEqual(await complete(['manage', 'check', '--d']), ['--deploy']);
    assert.deepEqual(await complete(['manage', 'startapp', '--t']), ['--template', '--traceback']);
  });

  it('leaves other words to filename completion', async () => {
    assert.deepEqual(await complete(['manage', 'check', 'x']), []);
  });
});
