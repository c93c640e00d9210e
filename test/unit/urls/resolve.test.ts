import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Http404 } from '../../../src/http/errors.js';
import { include, path, rePath, Resolver, Resolver404, type ResolverMatch } from '../../../src/urls/index.js';

function emptyView() {}
const routes = (tried: ResolverMatch['tried']) => tried.map((chain) => chain.map((p) => p.route));

// Django's tests/urlpatterns/{path_urls,included_urls,more_urls}.py.
const moreUrls = [rePath('^more/(?P<extra>\\w+)/$', emptyView, { name: 'inner-more', kwargs: { 'sub-extra': true } })];
const includedUrls = [path('extra/<extra>/', emptyView, { name: 'inner-extra' }), path('', include(moreUrls))];
const pathUrls = [
  path('articles/2003/', emptyView, { name: 'articles-2003' }),
  path('articles/<int:year>/', emptyView, { name: 'articles-year' }),
  path('articles/<int:year>/<int:month>/', emptyView, { name: 'articles-year-month' }),
  path('articles/<int:year>/<int:month>/<int:day>/', emptyView, { name: 'articles-year-month-day' }),
  path('books/2007/', emptyView, { name: 'books-2007', kwargs: { extra: true } }),
  path('books/<int:year>/<int:month>/<int:day>/', emptyView, { name: 'books-year-month-day', kwargs: { extra: true } }),
  path('users/', emptyView, { name: 'users' }),
  path('users/<id>/', emptyView, { name: 'user-with-id' }),
  path('included_urls/', include(includedUrls)),
  rePath('^regex/(?P<pk>[0-9]+)/$', emptyView, { name: 'regex' }),
  rePath('^regex_optional/(?P<arg1>\\d+)/(?:(?P<arg2>\\d+)/)?', emptyView, { name: 'regex_optional' }),
  rePath('^regex_only_optional/(?:(?P<arg1>\\d+)/)?', emptyView, { name: 'regex_only_optional' }),
  path('', include(moreUrls)),
  path('<lang>/<path:url>/', emptyView, { name: 'lang-and-path' }),
];

describe('resolve: Django SimplifiedURLTests', () => {
  let resolver: Resolver;
  before(async () => {
    resolver = await Resolver.load(pathUrls);
  });

  // [path, urlName, args, kwargs, route, captured, extra]
  const CASES: Array<[string, string, unknown[], object, string, object, object]> = [
    ['/articles/2003/', 'articles-2003', [], {}, 'articles/2003/', {}, {}],
    ['/articles/2015/', 'articles-year', [], { year: 2015 }, 'articles/<int:year>/', { year: 2015 }, {}],
    ['/articles/2015/04/12/', 'articles-year-month-day', [], { year: 2015, month: 4, day: 12 }, 'articles/<int:year>/<int:month>/<int:day>/', { year: 2015, month: 4, day: 12 }, {}],
    ['/books/2015/04/12/', 'books-year-month-day', [], { year: 2015, month: 4, day: 12, extra: true }, 'books/<int:year>/<int:month>/<int:day>/', { year: 2015, month: 4, day: 12 }, { extra: true }],
    ['/books/2007/', 'books-2007', [], { extra: true }, 'books/2007/', {}, { extra: true }],
    ['/en/foo/', 'lang-and-path', [], { lang: 'en', url: 'foo' }, '<lang>/<path:url>/', { lang: 'en', url: 'foo' }, {}],
    ['/regex/1/', 'regex', [], { pk: '1' }, '^regex/(?P<pk>[0-9]+)/$', { pk: '1' }, {}],
    ['/regex_optional/1/2/', 'regex_optional', [], { arg1: '1', arg2: '2' }, '^regex_optional/(?P<arg1>\\d+)/(?:(?P<arg2>\\d+)/)?', { arg1: '1', arg2: '2' }, {}],
    ['/regex_optional/1/', 'regex_optional', [], { arg1: '1' }, '^regex_optional/(?P<arg1>\\d+)/(?:(?P<arg2>\\d+)/)?', { arg1: '1' }, {}],
    ['/regex_only_optional/', 'regex_only_optional', [], {}, '^regex_only_optional/(?:(?P<arg1>\\d+)/)?', {}, {}],
    ['/included_urls/extra/something/', 'inner-extra', [], { extra: 'something' }, 'included_urls/extra/<extra>/', { extra: 'something' }, {}],
    ['/more/99/', 'inner-more', [], { extra: '99', 'sub-extra': true }, '^more/(?P<extra>\\w+)/$', { extra: '99' }, { 'sub-extra': true }],
    ['/included_urls/more/some_value/', 'inner-more', [], { extra: 'some_value', 'sub-extra': true }, 'included_urls/more/(?P<extra>\\w+)/$', { extra: 'some_value' }, { 'sub-extra': true }],
  ];
  for (const [url, urlName, args, kwargs, route, captured, extra] of CASES) {
    it(url, () => {
      const match = resolver.resolve(url);
      assert.equal(match.urlName, urlName);
      assert.deepEqual(match.args, args);
      assert.deepEqual(match.kwargs, kwargs);
      assert.equal(match.route, route);
      assert.deepEqual(match.capturedKwargs, captured);
      assert.deepEqual(match.extraKwargs, extra);
      assert.equal(match.func, emptyView);
    });
  }

  for (const url of ['/articles/2003/\n', '/articles/2010/\n', '/en/foo/\n', '/included_urls/extra/\n', '/regex/1/\n', '/users/1/\n']) {
    it(`${JSON.stringify(url)}: endpoints match the whole path, a trailing newline included`, () => {
      assert.throws(() => resolver.resolve(url), Resolver404);
    });
  }

  it('strips the leading slash and reports what was left to match', () => {
    const error = (() => {
      try {
        resolver.resolve('/nope/');
      } catch (caught) {
        return caught as Resolver404;
      }
      throw new Error('resolved');
    })();
    assert.equal(error.path, 'nope/');
    assert.ok(error instanceof Http404);
    assert.equal(error.status, 404);
    assert.equal(error.name, 'Resolver404');
    assert.equal(error.tried.length, pathUrls.length);
  });
});

// Checked against Django 5.2: `resolve()` of each path on this URLconf.
const view = () => undefined;
const inner = [path('c/<int:x>/', view, { name: 'c' }), path('d/', view, { name: 'd' })];
const nested = [
  path('p/<slug:s>/', include([inner, 'app1'], { namespace: 'ns1' }), { kwargs: { k: 1 } }),
  path('q/', include([inner, 'app1'], { namespace: 'ns2' })),
  path('r/', include([path('s/', include([[path('e/', view, { name: 'e' })], 'app2'])), path('t/', view, { name: 't' })])),
  rePath('^u/(?P<y>\\d+)/', include([rePath('^(\\w+)/$', view, { name: 'u' })])),
  rePath('^w/(\\d+)/', include([rePath('^(\\w+)/$', view, { name: 'w' })])),
  rePath('^pos/(\\d+)/(\\w+)/$', view, { name: 'pos' }),
  rePath('^mix/(\\d+)/(?P<y>\\w+)/$', view, { name: 'mix' }),
  path('empty/', include([])),
];

describe('resolve: includes, namespaces and argument rules', () => {
  let resolver: Resolver;
  before(async () => {
    resolver = await Resolver.load(nested);
  });

  // [path, args, kwargs, viewName, namespace, appName, route]
  const CASES: Array<[string, unknown[], object, string, string, string, string]> = [
    ['/p/ab/c/3/', [], { s: 'ab', k: 1, x: 3 }, 'ns1:c', 'ns1', 'app1', 'p/<slug:s>/c/<int:x>/'],
    ['/q/d/', [], {}, 'ns2:d', 'ns2', 'app1', 'q/d/'],
    ['/r/s/e/', [], {}, 'app2:e', 'app2', 'app2', 'r/s/e/'],
    ['/u/5/zz/', ['zz'], { y: '5' }, 'u', '', '', '^u/(?P<y>\\d+)/(\\w+)/$'],
    ['/w/5/zz/', ['5', 'zz'], {}, 'w', '', '', '^w/(\\d+)/(\\w+)/$'],
    ['/pos/12/ab/', ['12', 'ab'], {}, 'pos', '', '', '^pos/(\\d+)/(\\w+)/$'],
    ['/mix/12/ab/', [], { y: 'ab' }, 'mix', '', '', '^mix/(\\d+)/(?P<y>\\w+)/$'],
  ];
  for (const [url, args, kwargs, viewName, namespace, appName, route] of CASES) {
    it(url, () => {
      const match = resolver.resolve(url);
      assert.deepEqual(match.args, args);
      assert.deepEqual(match.kwargs, kwargs);
      assert.equal(match.viewName, viewName);
      assert.equal(match.namespace, namespace);
      assert.equal(match.appName, appName);
      assert.equal(match.route, route);
    });
  }

  it('lists the chains tried before and including the match', () => {
    assert.deepEqual(routes(resolver.resolve('/q/d/').tried), [['p/<slug:s>/'], ['q/', 'c/<int:x>/'], ['q/', 'd/']]);
  });

  it('lists every chain on a miss, nested includes expanded, in order (as Django)', () => {
    const error = catch404(resolver, '/r/x');
    assert.equal(error.path, 'r/x');
    assert.deepEqual(routes(error.tried), [
      ['p/<slug:s>/'],
      ['q/'],
      ['r/', 's/'],
      ['r/', 't/'],
      ['^u/(?P<y>\\d+)/'],
      ['^w/(\\d+)/'],
      ['^pos/(\\d+)/(\\w+)/$'],
      ['^mix/(\\d+)/(?P<y>\\w+)/$'],
      ['empty/'],
    ]);
  });

  it('adds nothing for an empty include whose prefix matched (Django quirk)', () => {
    assert.deepEqual(routes(catch404(resolver, '/empty/x').tried).at(-1), ['^mix/(\\d+)/(?P<y>\\w+)/$']);
  });

  it('carries names and namespaces in the tried entries', () => {
    const [first] = catch404(resolver, '/zzz/').tried;
    assert.deepEqual(first, [{ route: 'p/<slug:s>/', name: undefined, namespace: 'ns1', appName: 'app1', isInclude: true }]);
    const chain = resolver.resolve('/q/d/').tried.at(-1)!;
    assert.equal(chain.at(-1)!.name, 'd');
  });

  it('fails without a tried list when the path has no leading slash', () => {
    const error = catch404(resolver, 'q/d/');
    assert.deepEqual(error.tried, []);
  });
});

function catch404(resolver: Resolver, url: string): Resolver404 {
  try {
    resolver.resolve(url);
  } catch (error) {
    if (error instanceof Resolver404) return error;
    throw error;
  }
  throw new Error(`${url} resolved`);
}

describe('resolve: order and converters', () => {
  it('takes the first matching pattern', async () => {
    const first = () => 1;
    const second = () => 2;
    const resolver = await Resolver.load([path('a/<str:x>/', first), path('a/<int:x>/', second), path('a/1/', second)]);
    assert.equal(resolver.resolve('/a/1/').func, first);
  });

  it('treats a throwing toPython() as no match and tries the next pattern', async () => {
    const evenOnly = {
      regex: '[0-9]+',
      toPython(value: string) {
        if (Number(value) % 2) throw new Error('odd');
        return Number(value);
      },
      toUrl: String,
    };
    const even = () => 'even';
    const any = () => 'any';
    const resolver = await Resolver.load({ urlpatterns: [path('n/<even:n>/', even), path('n/<int:n>/', any)], converters: { even: evenOnly } });
    assert.equal(resolver.resolve('/n/4/').func, even);
    assert.deepEqual(resolver.resolve('/n/4/').kwargs, { n: 4 });
    assert.equal(resolver.resolve('/n/5/').func, any);
  });

  it('accepts non-ASCII identifiers and whitespace outside brackets', async () => {
    const resolver = await Resolver.load([path('hello/<str:Δ>/', view), path('space \t/<int:num>/', view)]);
    assert.deepEqual(resolver.resolve('/hello/1/').kwargs, { Δ: '1' });
    assert.deepEqual(resolver.resolve('/space \t/1/').kwargs, { num: 1 });
  });

  it('leaves an unanchored rePath free to match anywhere, as Python search() does', async () => {
    const resolver = await Resolver.load([rePath('b/(?P<x>\\d+)', view)]);
    assert.deepEqual(resolver.resolve('/ab/12/more').kwargs, { x: '12' });
  });

  it('names an unnamed view by its function, and an asView() result by its class', async () => {
    function articleList() {}
    class ArticleDetail {}
    const detail = Object.assign(() => undefined, { viewClass: ArticleDetail });
    const resolver = await Resolver.load([path('a/', articleList), path('b/', include([[path('d/', detail)], 'blog']))]);
    assert.equal(resolver.resolve('/a/').viewName, 'articleList');
    assert.equal(resolver.resolve('/b/d/').viewName, 'blog:ArticleDetail');
    assert.equal(resolver.resolve('/b/d/').funcPath, 'ArticleDetail');
  });

  it('full-matches an endpoint regex ending in $', async () => {
    const resolver = await Resolver.load([rePath('foo/$', view)]);
    assert.throws(() => resolver.resolve('/xfoo/'), Resolver404);
    assert.equal(resolver.resolve('/foo/').func, view);
  });
});

describe('resolve: dispatch never changes the answer', () => {
  it('agrees with the full in-order walk on random URLconfs and paths', async () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = ['a', 'b', 'ab', 'x-y', ''];
    const routeFor = (): string => {
      const parts = Array.from({ length: 1 + random(3) }, (_, i) =>
        random(4) === 0 ? `<${['int', 'slug', 'path'][random(3)]}:p${i}>` : words[random(words.length)]!,
      );
      return `${parts.join('/')}${random(2) ? '/' : ''}`;
    };
    let names = 0;
    const endpoint = () => path(routeFor(), view, { name: `n${names++}` });
    let matched = 0;
    for (let round = 0; round < 20; round++) {
      const patterns = Array.from({ length: 25 }, () => {
        if (random(5) === 0) return path(`${words[random(4)]}/`, include(Array.from({ length: 6 }, endpoint)));
        if (random(6) === 0) return rePath(`^${words[random(4)]}/\\d*`, view, { name: `n${names++}` });
        return endpoint();
      });
      const resolver = await Resolver.load(patterns);
      for (let probe = 0; probe < 40; probe++) {
        const url = `/${routeFor().replace(/<int:\w+>/g, '7').replace(/<slug:\w+>/g, 'ab').replace(/<path:\w+>/g, 'a/b')}`;
        let fast: ResolverMatch;
        try {
          fast = resolver.resolve(url);
        } catch (error) {
          if (!(error instanceof Resolver404)) throw error;
          continue;
        }
        matched++;
        // The full walk ends its tried list with the chain it matched: it must be dispatch's match.
        assert.equal(fast.tried.at(-1)!.at(-1)!.name, fast.urlName, url);
      }
    }
    assert.ok(matched > 100, `only ${matched} probes matched`);
  });
});

describe('resolve: plain-text routes (compared, not run through a regex, as Django does)', () => {
  const hello = () => {};
  const nested = () => {};
  let resolver: Resolver;
  before(async () => {
    resolver = await Resolver.load([path('hello/', hello, { name: 'hello' }), path('api/', include([path('x/', nested, { name: 'x' })])), path('', hello, { name: 'home' })]);
  });

  it('match the whole path (endpoints) or a prefix (includes), exactly and case-sensitively', () => {
    assert.equal(resolver.resolve('/hello/').urlName, 'hello');
    assert.equal(resolver.resolve('/').urlName, 'home');
    assert.equal(resolver.resolve('/api/x/').urlName, 'x');
    assert.equal(resolver.resolve('/api/x/').route, 'api/x/');
    for (const miss of ['/hello', '/hello/\n', '/Hello/', '/hello/x', '/api/x', '/apix/', '/api/', '//hello/']) {
      assert.throws(() => resolver.resolve(miss), Resolver404, JSON.stringify(miss));
    }
  });

  it('give every request its own kwargs', () => {
    const first = resolver.resolve('/hello/');
    const second = resolver.resolve('/hello/');
    assert.deepEqual(first.kwargs, {});
    assert.notEqual(first.kwargs, second.kwargs);
  });
});
