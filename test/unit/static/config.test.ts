import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hasHost, staticHandlerFromSettings, staticSettingsProblems, urlPath } from '../../../src/static/config.js';
import { findStatic, listRoot, staticRoots } from '../../../src/static/finders.js';
import { ImproperlyConfigured } from '../../../src/errors.js';
import { createStaticTree, type StaticTree } from '../../helpers/static-tree.js';

const BASE = { BASE_DIR: '/project', DEBUG: true, STATIC_URL: '/static/', MEDIA_URL: '', MEDIA_ROOT: '', STATIC_ROOT: null };

describe('urlPath / hasHost', () => {
  it('prefixes a relative URL with / and leaves absolute ones alone', () => {
    assert.equal(urlPath('static/'), '/static/');
    assert.equal(urlPath('/static/'), '/static/');
    assert.equal(urlPath('https://cdn.example/static/'), 'https://cdn.example/static/');
  });

  it('recognises a host part', () => {
    assert.ok(hasHost('http://example.org/static/'));
    assert.ok(hasHost('//example.org/static/'));
    assert.ok(!hasHost('/static/'));
    assert.ok(!hasHost('static/'));
  });
});

describe('staticSettingsProblems', () => {
  const ids = (settings: object, hasSources = true) => staticSettingsProblems({ ...BASE, ...settings }, hasSources).map((p) => p.id);

  it('accepts a usual configuration', () => assert.deepEqual(ids({ MEDIA_URL: '/media/', MEDIA_ROOT: 'media', STATIC_ROOT: 'staticfiles' }), []));

  it('requires STATIC_URL only when there are static files', () => {
    assert.deepEqual(ids({ STATIC_URL: null }), ['staticfiles.E101']);
    assert.deepEqual(ids({ STATIC_URL: '' }, false), []);
    assert.equal(
      staticSettingsProblems({ ...BASE, STATIC_URL: null }, true)[0]!.message,
      "You're using the staticfiles app without having set the required STATIC_URL setting.",
    );
  });

  it('refuses equal URLs, also when spelled relative and absolute', () => {
    assert.deepEqual(ids({ MEDIA_URL: '/static/' }), ['staticfiles.E102']);
    assert.deepEqual(ids({ MEDIA_URL: 'static/' }), ['staticfiles.E102']);
  });

  it('refuses MEDIA_URL inside STATIC_URL in DEBUG only', () => {
    assert.deepEqual(ids({ MEDIA_URL: '/static/media/' }), ['staticfiles.E103']);
    assert.deepEqual(ids({ MEDIA_URL: '/static/media/', DEBUG: false }), []);
  });

  it('refuses MEDIA_ROOT == STATIC_ROOT, comparing resolved paths', () => {
    assert.deepEqual(ids({ MEDIA_ROOT: 'files', STATIC_ROOT: '/project/files' }), ['staticfiles.E104']);
  });
});

describe('finders and staticHandlerFromSettings', () => {
  let tree: StaticTree;
  before(() => (tree = createStaticTree()));
  after(() => tree.cleanup());

  const settings = () => ({ ...BASE, BASE_DIR: tree.base, STATICFILES_DIRS: ['assets', 'missing'] });

  it('lists STATICFILES_DIRS (relative to BASE_DIR) then app static/ folders that exist', () => {
    assert.deepEqual(staticRoots(settings(), tree.apps), [tree.roots[0], `${tree.base}/missing`, tree.roots[1], tree.roots[2]]);
  });

  it('findStatic gives the first match, or every match with all', async () => {
    assert.deepEqual(await findStatic(tree.roots, 'app.css'), [`${tree.roots[1]}/app.css`]);
    assert.deepEqual(await findStatic(tree.roots, 'app.css', true), [`${tree.roots[1]}/app.css`, `${tree.roots[2]}/app.css`]);
    assert.deepEqual(await findStatic(tree.roots, '../secret.txt', true), []);
    assert.deepEqual(await findStatic(tree.roots, 'link-out.txt', true), []);
  });

  it('listRoot skips dot-files, backups and symlinks leaving the root', async () => {
    const listed = (await listRoot(tree.roots[0]!)).map((f) => f.relative);
    assert.ok(listed.includes('css/site.css'));
    assert.ok(listed.includes('link-in.css'));
    for (const hidden of ['.env', '.hidden/x.css', 'link-out.txt', 'link-prefix.txt', 'link-dot.txt', 'passwd', 'js/app2.js']) {
      assert.ok(!listed.includes(hidden), hidden);
    }
    assert.ok(!listed.some((f) => f.startsWith('link-dir/')));
    assert.deepEqual(await listRoot(`${tree.base}/missing`), []);
  });

  it('builds a handler with DEBUG or --insecure, never with --nostatic', () => {
    assert.equal(typeof staticHandlerFromSettings(settings(), tree.apps), 'function');
    assert.equal(staticHandlerFromSettings({ ...settings(), DEBUG: false }, tree.apps), undefined);
    assert.equal(typeof staticHandlerFromSettings({ ...settings(), DEBUG: false }, tree.apps, { insecure: true }), 'function');
    assert.equal(staticHandlerFromSettings(settings(), tree.apps, { nostatic: true }), undefined);
    assert.equal(staticHandlerFromSettings({ ...settings(), STATIC_URL: 'https://cdn.example/s/' }, tree.apps), undefined);
  });

  it('throws ImproperlyConfigured with Django wording when the settings conflict', () => {
    assert.throws(
      () => staticHandlerFromSettings({ ...settings(), MEDIA_URL: '/static/' }, tree.apps),
      (error: unknown) => error instanceof ImproperlyConfigured && error.message === 'The MEDIA_URL and STATIC_URL settings must have different values',
    );
    assert.throws(() => staticHandlerFromSettings({ ...settings(), STATIC_URL: null }, tree.apps), /required STATIC_URL setting/);
    assert.equal(staticHandlerFromSettings({ ...BASE, BASE_DIR: tree.base, STATIC_URL: null }, []), undefined);
  });
});
