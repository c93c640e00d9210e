/** `manage showurls`: includes flattened in resolution order, namespaces resolved, table and JSON. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runManage } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

const project = path.join(FIXTURES, 'showurls');

describe('manage showurls', () => {
  it('prints an aligned table of URL, view and full name', async () => {
    const result = await runManage(['showurls'], { cwd: project });
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      [
        'URL                        VIEW         NAME',
        '/                          home         home',
        '/polls/                    index        polls:index',
        '/polls/<int:question_id>/  detail       polls:detail',
        '/api/items/:id             item         v1:item',
        '/api/health/               <anonymous>',
        '/legacy/(?P<id>[0-9]+)/    legacy',
        '',
      ].join('\n'),
    );
  });

  it('--format json: one object per pattern, with the declaring URLconf', async () => {
    const result = await runManage(['showurls', '--format', 'json'], { cwd: project });
    assert.equal(result.code, 0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 6);
    assert.deepEqual(rows[2], { url: '/polls/<int:question_id>/', view: 'detail', name: 'polls:detail', urlconf: 'polls.urls' });
    assert.deepEqual(rows[4], { url: '/api/health/', view: '<anonymous>', name: null, urlconf: '<list>' });
  });

  it('an unknown format is a usage error', async () => {
    const result = await runManage(['showurls', '--format', 'xml'], { cwd: project });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /argument 'xml' is invalid\. Allowed choices are table, json\./);
  });

  it('without ROOT_URLCONF: the URLconf error, exit 1', async () => {
    const result = await runManage(['showurls'], { cwd: path.join(FIXTURES, 'basic') });
    assert.deepEqual([result.code, result.stdout], [1, '']);
    assert.equal(result.stderr, 'ImproperlyConfigured: The ROOT_URLCONF setting must name the module that defines urlpatterns.\n');
  });
});
