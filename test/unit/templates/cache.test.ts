import assert from 'node:assert/strict';
import { rmSync, utimesSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { TemplateDoesNotExist } from '../../../src/templates/errors.js';
import { TreePool, type TempTree } from '../../helpers/files.js';
import { enginesFor } from '../../helpers/templates.js';

const pool = new TreePool();
after(() => pool.cleanup());

const project = (files: Record<string, string>) => pool.tree(files);

/** Rewrites a file and moves its mtime forward, so the change is visible whatever the fs granularity. */
function edit(tree: TempTree, relative: string, content: string): void {
  const [file] = tree.write({ [relative]: content });
  const later = new Date(Date.now() + 5_000);
  utimesSync(file!, later, later);
}

const settings = (DEBUG: boolean) => ({ DEBUG, INSTALLED_APPS: ['blog'], TEMPLATES: [{ DIRS: ['templates'], APP_DIRS: true }] });

describe('template cache', () => {
  it('DEBUG: an edited template renders its new content with the same engines', async () => {
    const tree = project({ 'templates/page.html': 'v1 <%= it.n %>', 'blog/.keep': '' });
    const engines = await enginesFor(tree, settings(true));
    assert.equal(engines.renderToString('page.html', { n: 1 }), 'v1 1');
    edit(tree, 'templates/page.html', 'version two <%= it.n %>');
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
    edit(tree, 'templates/part.html', 'part two');
    edit(tree, 'templates/base.html', '{<%~ it.body %>}');
    assert.equal(engines.renderToString('page.html'), '{part two}');
  });

  it('DEBUG: a Template object re-checks its file on each render', async () => {
    const tree = project({ 'templates/page.html': 'one', 'blog/.keep': '' });
    const engines = await enginesFor(tree, settings(true));
    const template = engines.getTemplate('page.html');
    assert.equal(template.render(), 'one');
    edit(tree, 'templates/page.html', 'two!');
    assert.equal(template.render(), 'two!');
  });

  it('DEBUG: a deleted override falls back to the next directory that has the name', async () => {
    const tree = project({ 'templates/page.html': 'project', 'blog/templates/page.html': 'app' });
    const engines = await enginesFor(tree, settings(true));
    assert.equal(engines.renderToString('page.html'), 'project');
    rmSync(tree.path('templates', 'page.html'));
    assert.equal(engines.renderToString('page.html'), 'app');
    rmSync(tree.path('blog', 'templates', 'page.html'));
    assert.throws(() => engines.renderToString('page.html'), TemplateDoesNotExist);
  });

  it('without DEBUG: compiled once, no file checks, until clearCache()', async () => {
    const tree = project({ 'templates/page.html': 'cached', 'blog/.keep': '' });
    const engines = await enginesFor(tree, settings(false));
    assert.equal(engines.renderToString('page.html'), 'cached');
    edit(tree, 'templates/page.html', 'edited');
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
    edit(tree, 'templates/page.html', 'second');
    const two = await enginesFor(tree, settings(false));
    assert.equal(two.renderToString('page.html'), 'second');
    assert.equal(one.renderToString('page.html'), 'first');
  });
});
