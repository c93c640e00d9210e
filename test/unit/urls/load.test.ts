import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { ERROR_CODES } from '../../../src/errors.js';
import { ModuleLoader } from '../../../src/conf/modules.js';
import { createResolver, include, path as route, Resolver } from '../../../src/urls/index.js';
import { FIXTURES } from '../../helpers/tmp-project.js';

describe('createResolver: a real TypeScript URLconf through the ModuleLoader', () => {
  const loader = new ModuleLoader({ baseDir: path.join(FIXTURES, 'urlconf') });
  let resolver: Resolver;
  let views: Record<string, unknown>;
  before(async () => {
    resolver = await createResolver({ ROOT_URLCONF: 'site.urls' }, loader);
    ({ module: views } = await loader.importModule('site.views'));
  });

  it('loads included dotted names and their appName, with converters exported by another module', () => {
    const match = resolver.resolve('/blog/2024/');
    assert.equal(match.func, views.yearArchive);
    assert.deepEqual(match.kwargs, { year: 2024 });
    assert.equal(match.viewName, 'blog:year');
    assert.equal(resolver.resolve('/archive/2024/hello/').viewName, 'archive:post');
    assert.equal(resolver.urlconf, 'site.urls');
  });

  it('reverses app namespaces to the default instance or the current one', () => {
    assert.equal(resolver.reverse('blog:year', { args: [999] }), '/blog/0999/');
    assert.equal(resolver.reverse('blog:post', { kwargs: { year: 2024, slug: 'hi' }, currentApp: 'archive' }), '/archive/2024/hi/');
    assert.equal(resolver.reverse('home'), '/');
  });

  it('exposes the error handlers, importing dotted paths', () => {
    assert.equal(resolver.errorHandler(404), views.notFound);
    assert.equal(resolver.errorHandler(500), views.serverError);
    assert.equal(resolver.errorHandler(400), undefined);
  });

  it('fails on a missing included module with the loader error', async () => {
    await assert.rejects(Resolver.load([route('x/', include('nope.urls'))], { loader }), { code: ERROR_CODES.MODULE_NOT_FOUND });
  });

  it('refuses a URLconf that includes itself', async () => {
    await assert.rejects(createResolver({ ROOT_URLCONF: 'loop.urls' }, loader), {
      name: 'ImproperlyConfigured',
      message: "The URLconf 'loop.urls' includes itself (loop.urls → loop.urls).",
    });
  });

  it('needs ROOT_URLCONF', async () => {
    await assert.rejects(createResolver({ ROOT_URLCONF: '' }, loader), { name: 'ImproperlyConfigured' });
  });
});
