/** Name rules and the small text helpers of the scaffolder (Python's isidentifier and title()). */
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { validateName } from '../../../src/scaffold/names.js';
import { camelCase, normalizeExtensions, renderText } from '../../../src/scaffold/template.js';

const cwd = os.tmpdir();

describe('validateName', () => {
  for (const name of ['mysite', '_private', 'café', 'site2', 'Δelta', 'class']) {
    it(`accepts ${name}`, () => assert.doesNotThrow(() => validateName(name, 'project', cwd)));
  }
  for (const name of ['', '2site', 'my-site', 'my.site', 'my site', 'a/b', '$x']) {
    it(`rejects ${JSON.stringify(name)}`, () => {
      assert.throws(() => validateName(name, 'app', cwd), {
        message: `'${name}' is not a valid app name. Please make sure the name is a valid identifier.`,
      });
    });
  }
  it('rejects the names of Node built-in modules', () => {
    for (const name of ['fs', 'http', 'crypto', 'path']) {
      assert.throws(() => validateName(name, 'app', cwd, 'directory'), {
        message: `'${name}' conflicts with the name of an existing Node.js module and cannot be used as an app directory. Please try another directory.`,
      });
    }
  });
});

describe('template helpers', () => {
  it('camelCase follows Python title() without underscores', () => {
    assert.deepEqual(['polls', 'my_site', 'blog2go', 'API_v2'].map(camelCase), ['Polls', 'MySite', 'Blog2Go', 'ApiV2']);
  });
  it('normalizeExtensions splits commas, adds dots, drops duplicates', () => {
    assert.deepEqual(normalizeExtensions(['ts', 'json', '.md, txt', 'ts']), ['.ts', '.json', '.md', '.txt']);
  });
  it('renderText substitutes known variables only', () => {
    assert.equal(renderText('{{project_name}} {{  project_name }} {{ other }} {{ a.b }}', { project_name: 'x' }), 'x x {{ other }} {{ a.b }}');
  });
});
