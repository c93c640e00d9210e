import assert from 'node:assert/strict';
import { rmSync, utimesSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { RECHECK_MS } from '../../../src/templates/backend.js';
import { TemplateDoesNotExist } from '../../../src/templates/errors.js';
import { TreePool, type TempTree } from '../../helpers/files.js';
import { enginesFor } from '../../helpers/templates.js';

const pool = new TreePool();
after(() => pool.cleanup());

const project = (files: Record<string, string>) => pool.tree(files);

/**
 * Rewrites a file and moves its mtime forward (visible whatever the fs granularity), then lets
 * DEBUG's recheck interval pass, as it always has between a save and the browser's next request.
 */
async function edit(tree: TempTree, relative: string, content: string): Promise<void> {
  const [file] = tree.write({ [relative]: content });
  const later = new Date(Date.now() + 5_000);
  utimesSync(file!, later, later);
  await sleep(RECHECK_MS + 5);
}

const remove = async (file: string) => {
  rmSync(file);
  await sleep(RECHECK_MS + 5);
};

const settings = (DEBUG: boolean) => ({ DEBUG, INSTALLED_APPS: ['blog'], TEMPLATES: [{ DIRS: ['templates'], APP_DIRS: true }] });

describe('template cache', () => {
  it('DEBUG: an edited template renders its new content with the same engines', async () => {
    const tree = project({ 'templates/page.html': 'v1 <%= it.n %>', 'blog/.keep': '' });
    const engines = await enginesFor(tree, settings(true));
    assert.equal(engines.renderToString('page.html', { n: 1 }), 'v1 1');
    await edit(tree, 'templates/page.html', 'version two <%= it.n %>');
    assert.equal(engines.renderToString('page.html', { n: 2 }), 'version two 2');
  });

  it('DEBUG: an edited partial or layout is picked up too', async () => {
    const tree = project({
      'templates/page.html': '<% layout("base.html") %><%~ include("part.html") %>',
      'templates/base.html': '[<%~ it.body %>]',
      'templates/part.html': 'p1',
      'blog/.keep': '',
    });
    const engines = await enginesFor(tree, settings(true));
    assert.equal(engines.renderToString('page.html'), '[p1]');
    await edit(tree, 'templates/part.html', 'part two');
    await edit(tree, 'templates/base.html', '{<%~ it.body %>}');
    assert.equal(engines.renderToString('page.html'), '{part two}');
  });

  it('DEBUG: a Template object re-checks its file when rendered again', async () => {
    const tree = project({ 'templates/page.html': 'one', 'blog/.keep': '' });
    const engines = await enginesFor(tree, settings(true));
    const template = engines.getTemplate('page.html');
    assert.equal(template.render(), 'one');
    await edit(tree, 'templates/page.html', 'two!');
    assert.equal(template.render(), 'two!');
  });

  it('DEBUG: a deleted override falls back to the next directory that has the name', async () => {
    const tree = project({ 'templates/page.html': 'project', 'blog/templates/page.html': 'app' });
    const engines = await enginesFor(tree, settings(true));
    assert.equal(engines.renderToString('page.html'), 'project');
    await remove(tree.path('templates', 'page.html'));
    assert.equal(engines.renderToString('page.html'), 'app');
    await remove(tree.path('blog', 'templates', 'page.html'));
    assert.throws(() => engines.renderToString('page.html'), TemplateDoesNotExist);
  });

  it('without DEBUG: compiled once, no file checks, until clearCache()', async () => {
    const tree = project({ 'templates/page.html': 'cached', 'blog/.keep': '' });
    const engines = await enginesFor(tree, settings(false));
    assert.equal(engines.renderToString('page.html'), 'cached');
    await edit(tree, 'templates/page.html', 'edited');
    assert.equal(engines.renderToString('page.html'), 'cached');
    engines.clearCache();
    assert.equal(engines.renderToString('page.html'), 'edited');
  });

  it('clearCache() picks up a newly added override', async () => {
    const tree = project({ 'blog/templates/page.html': 'app' });
    const engines = await enginesFor(tree, settings(true));
    assert.equal(engines.renderToString('page.html'), 'app');
    tree.write({ 'templates/page.html': 'new project override' });
    engines.clearCache();
    assert.equal(engines.renderToString('page.html'), 'new project override');
  });

  it('keeps its caches per engines object (no module-level state)', async () => {
    const tree = project({ 'templates/page.html': 'first', 'blog/.keep': '' });
    const one = await enginesFor(tree, settings(false));
    assert.equal(one.renderToString('page.html'), 'first');
    await edit(tree, 'templates/page.html', 'second');
    const two = await enginesFor(tree, settings(false));
    assert.equal(two.renderToString('page.html'), 'second');
    assert.equal(one.renderToString('page.html'), 'first');
  });
});
