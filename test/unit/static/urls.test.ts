import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImproperlyConfigured } from '../../../src/errors.js';
import { serve } from '../../../src/static/media.js';
import { staticPatterns } from '../../../src/static/urls.js';
import { Resolver } from '../../../src/urls/resolver.js';

describe('staticPatterns (Django static())', () => {
  it("refuses an empty prefix with Django's message", () => {
    assert.throws(
      () => staticPatterns('', { documentRoot: '/srv/media', debug: true }),
      (error: unknown) => error instanceof ImproperlyConfigured && error.message === 'Empty static prefix not permitted',
    );
  });

  it('returns no pattern when DEBUG is off or the prefix has a host', () => {
    assert.deepEqual(staticPatterns('/media/', { documentRoot: '/srv/media', debug: false }), []);
    assert.deepEqual(staticPatterns('http://example.org/media/', { documentRoot: '/srv/media', debug: true }), []);
    assert.deepEqual(staticPatterns('//example.org/media/', { documentRoot: '/srv/media', debug: true }), []);
  });

  it('builds ^<escaped prefix>(?P<path>.*)$ routed to serve with documentRoot', () => {
    assert.equal(staticPatterns('test', { documentRoot: '/srv', debug: true })[0]!.pattern.text, '^test(?P<path>.*)$');
    const [pattern] = staticPatterns('/media.files/', { documentRoot: '/srv/media', debug: true });
    assert.equal(pattern!.pattern.text, '^media\\.files/(?P<path>.*)$');
    assert.equal(pattern!.callback, serve);
    assert.deepEqual(pattern!.defaultArgs, { documentRoot: '/srv/media', showIndexes: false });
  });

  it('resolves through a real Resolver with the captured path', async () => {
    const resolver = await Resolver.load(staticPatterns('/media/', { documentRoot: '/srv/media', debug: true }));
    const match = resolver.resolve('/media/photos/a b.jpg');
    assert.equal(match.func, serve);
    assert.deepEqual(match.kwargs, { path: 'photos/a b.jpg', documentRoot: '/srv/media', showIndexes: false });
    assert.throws(() => resolver.resolve('/mediax'));
  });
});
