import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runManage } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

describe('manage check: URL checks through the built package', () => {
  it('prints Django-style URL warnings and fails on urls.E006', async () => {
    const result = await runManage(['check', '--tag', 'urls'], { cwd: path.join(FIXTURES, 'urlchecks') });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^SystemCheckError: System check identified some issues:\n\nERRORS:\n\?: \(urls\.E006\) The STATIC_URL setting must end with a slash\.\n\nWARNINGS:\n/);
    assert.match(result.stderr, /\?: \(urls\.W010\) Your URL pattern 'ending-with\/angle_bracket>' has an unmatched '>' bracket\.\n/);
    assert.match(result.stderr, /\nSystem check identified 16 issues \(0 silenced\)\.\n$/);
  });

  it('loads a URLconf with includes and custom converters cleanly', async () => {
    const result = await runManage(['check'], { cwd: path.join(FIXTURES, 'urlconf') });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'System check identified no issues (0 silenced).\n');
  });
});
