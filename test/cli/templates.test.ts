/** `manage check` runs the templates.* checks against a real project's TEMPLATES setting. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runManage } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

const project = path.join(FIXTURES, 'templates');

describe('template checks', () => {
  it('a sound TEMPLATES setting: no issues', async () => {
    const result = await runManage(['check', '--tag', 'templates'], { cwd: project });
    assert.deepEqual([result.code, result.stderr, result.stdout], [0, '', 'System check identified no issues (0 silenced).\n']);
  });

  it('bad BACKEND, missing dir, unimportable processor: reported together, exit 1', async () => {
    const result = await runManage(['check', '--settings', 'proj.broken'], { cwd: project });
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'SystemCheckError: System check identified some issues:\n\nERRORS:\n' +
        '?: (templates.E010) Invalid BACKEND for a template engine: django.template.backends.django.DjangoTemplates. Check your TEMPLATES setting.\n' +
        `?: (templates.E011) Context processor 'proj.context.nope' could not be imported.\n\tHINT: Module "proj.context" does not define a "nope" attribute/class\n\n` +
        `WARNINGS:\n?: (templates.W010) The directory '${path.join(project, 'missing')}' in the TEMPLATES DIRS setting does not exist.\n\n` +
        'System check identified 3 issues (0 silenced).\n',
    );
  });
});
