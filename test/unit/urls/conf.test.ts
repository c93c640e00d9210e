import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImproperlyConfigured } from '../../../src/errors.js';
import { expressPath, include, path, rePath, Resolver, Resolver404, type ViewFunction } from '../../../src/urls/index.js';

const view = () => undefined;
const WHITESPACE = [' ', '\t', '\n', '\r', '\v', '\f'];

describe('path() and rePath() arguments', () => {
  it('rejects kwargs that are not a dict, with Django text', () => {
    const message = 'kwargs argument must be a dict, but got str.';
    assert.throws(() => path('hello/', view, { kwargs: 'name' as never }), { name: 'TypeError', message });
    assert.throws(() => rePath('^hello/$', view, { kwargs: 'name' as never }), { name: 'TypeError', message });
    assert.throws(() => path('hello/', view, { kwargs: [] as never }), { message: 'kwargs argument must be a dict, but got list.' });
  });

  it('rejects a view that is not callable', () => {
    assert.throws(() => path('articles/', 'invalid_view' as unknown as ViewFunction), {
      name: 'TypeError',
      message: 'view must be a callable or a list/tuple in the case of include().',
    });
  });

  it('points at asView() when given a class-based view instance', () => {
    class EmptyCBV {
      static asView() {
        return () => undefined;
      }
    }
    assert.throws(() => path('foo', new EmptyCBV() as unknown as ViewFunction), {
      name: 'TypeError',
      message: 'view must be a callable, pass EmptyCBV.asView(), not new EmptyCBV().',
    });
  });
});

describe('route errors (Django ImproperlyConfigured wording)', () => {
  it('names a parameter that is not an identifier', () => {
    assert.throws(() => path('hello/<int:1>/', view), {
      name: 'ImproperlyConfigured',
      message: "URL route 'hello/<int:1>/' uses parameter name '1' which isn't a valid Python identifier.",
    });
    assert.throws(() => path('b/<int:book.id>/', view), {
      message: "URL route 'b/<int:book.id>/' uses parameter name 'book.id' which isn't a valid Python identifier.",
    });
  });

  for (const whitespace of WHITESPACE) {
    it(`refuses ${JSON.stringify(whitespace)} inside angle brackets`, () => {
      const route = `space/<int:num>/extra/<str:${whitespace}test>`;
      assert.throws(() => path(route, view), (error: unknown) => {
        assert.ok(error instanceof ImproperlyConfigured);
        assert.ok(error.message.endsWith('cannot contain whitespace in angle brackets <…>.'), error.message);
        return true;
      });
    });
  }

  it('names an unknown converter when the resolver is built', async () => {
    const patterns = [path('foo/<nonexistent:var>/', view)];
    await assert.rejects(Resolver.load(patterns), {
      name: 'ImproperlyConfigured',
      message: "URL route 'foo/<nonexistent:var>/' uses invalid converter 'nonexistent'.",
    });
  });

  it('reports an invalid regex when the resolver is built', async () => {
    await assert.rejects(Resolver.load([rePath('^(?P<x', view)]), { name: 'ImproperlyConfigured', message: /^"\^\(\?P<x" is not a valid regular expression: / });
  });
});

describe('include()', () => {
  it("refuses a namespace without an app name, with Django's text", () => {
    assert.throws(() => include([path('a/', view)], { namespace: 'ns' }), {
      name: 'ImproperlyConfigured',
      message:
        'Specifying a namespace in include() without providing an app_name is not supported. Set the appName ' +
        'export in the included module, or pass a 2-tuple containing the list of patterns and app_name instead.',
    });
  });

  it('refuses other tuple lengths', () => {
    assert.throws(() => include([[path('a/', view)], 'app', 'ns'] as never), {
      message:
        'Passing a 3-tuple to include() is not supported. Pass a 2-tuple containing the list of patterns and ' +
        'app_name, and provide the namespace argument to include() instead.',
    });
    assert.throws(() => include([[path('a/', view)], 'app', 'ns'] as never, { namespace: 'x' }), {
      message: 'Cannot override the namespace for a dynamic module that provides a namespace.',
    });
  });

  it("prefers a module's appName to the tuple's, and defaults the namespace to it", async () => {
    const module = { urlpatterns: [path('a/', view, { name: 'a' })], appName: 'fromModule' };
    const resolver = await Resolver.load([path('m/', include([module, 'fromTuple']))]);
    assert.equal(resolver.resolve('/m/a/').viewName, 'fromModule:a');
  });

  it('accepts a module object', async () => {
    const resolver = await Resolver.load([path('m/', include({ urlpatterns: [path('a/', view, { name: 'a' })] }))]);
    assert.equal(resolver.reverse('a'), '/m/a/');
  });

  it('says when an included URLconf has no patterns', async () => {
    await assert.rejects(Resolver.load([path('m/', include({ urlpatterns: undefined }))]), {
      message:
        "The included URLconf '<module>' does not appear to have any patterns in it. If you see the 'urlpatterns' " +
        'variable with valid patterns in the file then the issue is probably caused by a circular import.',
    });
  });
});

describe('expressPath (path-to-regexp syntax, Django matching)', () => {
  it('matches :params as str, *wildcards as path and {optional} parts', async () => {
    const resolver = await Resolver.load([
      expressPath('/users/:id{/:tab}', view, { name: 'user' }),
      expressPath('files/*rest', view, { name: 'files' }),
    ]);
    assert.deepEqual(resolver.resolve('/users/7').kwargs, { id: '7' });
    assert.deepEqual(resolver.resolve('/users/7/posts').kwargs, { id: '7', tab: 'posts' });
    assert.deepEqual(resolver.resolve('/files/a/b.txt').kwargs, { rest: 'a/b.txt' });
    assert.equal(resolver.resolve('/users/7').route, 'users/:id{/:tab}');
    assert.throws(() => resolver.resolve('/users/7/'), Resolver404);
    assert.equal(resolver.reverse('user', { kwargs: { id: 7 } }), '/users/7');
    assert.equal(resolver.reverse('user', { kwargs: { id: 7, tab: 'a b' } }), '/users/7/a%20b');
    assert.equal(resolver.reverse('files', { kwargs: { rest: 'a/b' } }), '/files/a/b');
  });

  it("turns path-to-regexp's parse errors into ImproperlyConfigured", () => {
    assert.throws(() => expressPath('users/:', view), { name: 'ImproperlyConfigured', message: /^URL route 'users\/:' is invalid: Missing parameter name/ });
    assert.throws(() => expressPath('users/:"a b"', view), { message: /uses parameter name 'a b' which isn't a valid Python identifier/ });
  });
});
