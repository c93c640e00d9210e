import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ImproperlyConfigured } from '../../../src/errors.js';
import { runWithResolver } from '../../../src/urls/context.js';
import { include, NoReverseMatch, path, rePath, Resolver, reverse, type ReverseOptions } from '../../../src/urls/index.js';

function emptyView() {}
const view = () => undefined;

function reverseError(resolver: Resolver, name: string, options?: ReverseOptions): string {
  try {
    return `returned ${resolver.reverse(name, options)}`;
  } catch (error) {
    assert.ok(error instanceof NoReverseMatch, String(error));
    return error.message;
  }
}

// Outputs and messages printed by Django 5.2 for the same URLconf.
const urlconf = [
  path('a/', view, { name: 'x' }),
  path('b/', view, { name: 'x' }),
  rePath('^pos/(\\d+)/(\\w+)/$', view, { name: 'pos' }),
  rePath('^opt/(?:(?P<p>\\d+)/)?$', view, { name: 'opt' }),
  path('sp ace/<str:s>/', view, { name: 'sp' }),
  path('int/<int:n>/', view, { name: 'int' }),
  rePath('^rek/(?P<year>[0-9]{4})/$', view, { name: 're-kw' }),
  path('d/<path:p>', view, { name: 'pth' }),
  path('e/', view, { name: 'extra', kwargs: { extra: 1 } }),
  path('f-g.h/', view, { name: 'esc' }),
  path('p/<slug:s>/', include([[path('c/<int:x>/', view, { name: 'c' }), path('d/', view, { name: 'd' })], 'app1'], { namespace: 'ns1' }), { kwargs: { k: 1 } }),
  path('q/', include([[path('c/<int:x>/', view, { name: 'c' }), path('d/', view, { name: 'd' })], 'app1'], { namespace: 'ns2' })),
  path('r/', include([path('s/', include([[path('e/', view, { name: 'e' })], 'app2'])), path('t/', view, { name: 't' })])),
  rePath('^u/(?P<y>\\d+)/', include([rePath('^(\\w+)/$', view, { name: 'u' })])),
  rePath('^w/(\\d+)/', include([rePath('^(\\w+)/$', view, { name: 'w' })])),
  path('fn/<int:n>/', emptyView),
];

describe('reverse', () => {
  let resolver: Resolver;
  before(async () => {
    resolver = await Resolver.load(urlconf);
  });

  const URLS: Array<[string, ReverseOptions, string]> = [
    ['x', {}, '/b/'], // the last pattern with a name wins, as in Django
    ['pos', { args: [1, 'z'] }, '/pos/1/z/'],
    ['opt', {}, '/opt/'],
    ['opt', { kwargs: { p: 5 } }, '/opt/5/'],
    ['sp', { args: ['a b?#%~é!$&\'()*+,;=:@"<>[]{}|\\^`'] }, "/sp%20ace/a%20b%3F%23%25~%C3%A9!$&'()*+,;=:@%22%3C%3E%5B%5D%7B%7D%7C%5C%5E%60/"],
    ['pth', { args: ['//x'] }, '/d///x'],
    ['extra', { kwargs: { extra: 1 } }, '/e/'],
    ['x', { query: { 'a b': ['1', 'x y'], c: 'é~*', n: null, t: true }, fragment: 'f#g' }, '/b/?a+b=1&a+b=x+y&c=%C3%A9~%2A&n=None&t=True#f#g'],
    ['x', { query: {} }, '/b/'],
    ['x', { query: new URLSearchParams([['q', '1'], ['q', '2']]) }, '/b/?q=1&q=2'],
    ['x', { query: { urlencode: () => 'from=querydict' } }, '/b/?from=querydict'],
    ['x', { fragment: '' }, '/b/#'],
    ['ns2:c', { kwargs: { x: 3 } }, '/q/c/3/'],
    ['app1:d', {}, '/q/d/'], // the default instance: the last one defined, as in Django
    ['app1:c', { kwargs: { s: 'x', x: 3 }, currentApp: 'ns1' }, '/p/x/c/3/'],
    ['app2:e', {}, '/r/s/e/'],
    ['t', {}, '/r/t/'],
    ['w', { args: [5, 'zz'] }, '/w/5/zz/'],
  ];
  for (const [name, options, url] of URLS) {
    it(`${name} ${JSON.stringify(options)} → ${url}`, () => assert.equal(resolver.reverse(name, options), url));
  }

  const MESSAGES: Array<[string, ReverseOptions, string]> = [
    ['int', { args: ['x'] }, "Reverse for 'int' with arguments '('x',)' not found. 1 pattern(s) tried: ['int/(?P<n>[0-9]+)/\\\\Z']"],
    ['re-kw', { kwargs: { year: 24 } }, "Reverse for 're-kw' with keyword arguments '{'year': 24}' not found. 1 pattern(s) tried: ['rek/(?P<year>[0-9]{4})/$']"],
    ['x', { args: [1] }, "Reverse for 'x' with arguments '(1,)' not found. 2 pattern(s) tried: ['b/\\\\Z', 'a/\\\\Z']"],
    ['esc', { args: [1] }, "Reverse for 'esc' with arguments '(1,)' not found. 1 pattern(s) tried: ['f\\\\-g\\\\.h/\\\\Z']"],
    ['int', {}, "Reverse for 'int' with no arguments not found. 1 pattern(s) tried: ['int/(?P<n>[0-9]+)/\\\\Z']"],
    ['extra', { kwargs: { extra: 2 } }, "Reverse for 'extra' with keyword arguments '{'extra': 2}' not found. 1 pattern(s) tried: ['e/\\\\Z']"],
    ['nope', {}, "Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name."],
    ['c', {}, "Reverse for 'c' not found. 'c' is not a valid view function or pattern name."],
    ['nope:x', {}, "'nope' is not a registered namespace"],
    ['ns1:zz:d', {}, "'zz' is not a registered namespace inside 'ns1'"],
    ['app1:d', { currentApp: 'ns1' }, "Reverse for 'd' with no arguments not found. 1 pattern(s) tried: ['p/(?P<s>[-a-zA-Z0-9_]+)/d/\\\\Z']"],
    ['ns1:c', { kwargs: { x: 3 } }, "Reverse for 'c' with keyword arguments '{'x': 3}' not found. 1 pattern(s) tried: ['p/(?P<s>[-a-zA-Z0-9_]+)/c/(?P<x>[0-9]+)/\\\\Z']"],
    // A namespaced include's own kwargs are not defaults when reversing through the namespace.
    ['ns1:c', { kwargs: { s: 'x', x: 3, k: 1 } }, "Reverse for 'c' with keyword arguments '{'s': 'x', 'x': 3, 'k': 1}' not found. 1 pattern(s) tried: ['p/(?P<s>[-a-zA-Z0-9_]+)/c/(?P<x>[0-9]+)/\\\\Z']"],
    ['u', { args: ['zz'] }, "Reverse for 'u' with arguments '('zz',)' not found. 1 pattern(s) tried: ['u/(?P<y>\\\\d+)/(\\\\w+)/$']"],
    [
      'int',
      { kwargs: { n: 'a', b: 1.5, c: [1, 'x'], d: null, e: true, f: { g: "it's" } } },
      `Reverse for 'int' with keyword arguments '{'n': 'a', 'b': 1.5, 'c': [1, 'x'], 'd': None, 'e': True, 'f': {'g': "it's"}}' not found. 1 pattern(s) tried: ['int/(?P<n>[0-9]+)/\\\\Z']`,
    ],
  ];
  for (const [name, options, message] of MESSAGES) {
    it(`${name} ${JSON.stringify(options)} fails like Django`, () => assert.equal(reverseError(resolver, name, options), message));
  }

  it("refuses args and kwargs together with Django's text", () => {
    assert.throws(() => resolver.reverse('x', { args: [1], kwargs: { a: 1 } }), { name: 'TypeError', message: "Don't mix *args and **kwargs in call to reverse()!" });
  });

  it('reverses a view function and names it in the message', () => {
    assert.equal(resolver.reverse(emptyView, { args: [4] }), '/fn/4/');
    assert.throws(() => resolver.reverse(emptyView), {
      message: "Reverse for 'emptyView' with no arguments not found. 1 pattern(s) tried: ['fn/(?P<n>[0-9]+)/\\\\Z']",
    });
  });

  it('escapes a leading // so the URL stays on this host', async () => {
    const leading = await Resolver.load([path('<path:p>', view, { name: 'any' })]);
    assert.equal(leading.reverse('any', { args: ['/evil.com/x'] }), '/%2Fevil.com/x');
  });
});

describe('reverse: Django SameNameTests and converters', () => {
  const tinyInt = {
    regex: '[0-9]+',
    toPython: Number,
    toUrl(value: number) {
      if (value > 5) throw new RangeError('too big');
      return String(value);
    },
  };
  let resolver: Resolver;
  before(async () => {
    resolver = await Resolver.load({
      converters: { tiny_int: tinyInt },
      urlpatterns: [
        path('number_of_args/0/', view, { name: 'number_of_args' }),
        path('number_of_args/1/<value>/', view, { name: 'number_of_args' }),
        path('kwargs_names/a/<a>/', view, { name: 'kwargs_names' }),
        path('kwargs_names/b/<b>/', view, { name: 'kwargs_names' }),
        path('converter/path/<path:value>/', view, { name: 'converter' }),
        path('converter/str/<str:value>/', view, { name: 'converter' }),
        path('converter/slug/<slug:value>/', view, { name: 'converter' }),
        path('converter/int/<int:value>/', view, { name: 'converter' }),
        path('converter/uuid/<uuid:value>/', view, { name: 'converter' }),
        rePath('^regex/uppercase/([A-Z]+)/', view, { name: 'regex' }),
        rePath('^regex/lowercase/([a-z]+)/', view, { name: 'regex' }),
        path('converter_to_url/int/<value>/', view, { name: 'converter_to_url' }),
        path('converter_to_url/tiny_int/<tiny_int:value>/', view, { name: 'converter_to_url' }),
      ],
    });
  });

  const CASES: Array<[string, ReverseOptions, string]> = [
    ['number_of_args', {}, '/number_of_args/0/'],
    ['number_of_args', { args: [1] }, '/number_of_args/1/1/'],
    ['kwargs_names', { kwargs: { a: 1 } }, '/kwargs_names/a/1/'],
    ['kwargs_names', { kwargs: { b: 1 } }, '/kwargs_names/b/1/'],
    ['converter', { args: ['a/b'] }, '/converter/path/a/b/'],
    ['converter', { args: ['a b'] }, '/converter/str/a%20b/'],
    ['converter', { args: ['a-b'] }, '/converter/slug/a-b/'],
    ['converter', { args: ['2'] }, '/converter/int/2/'],
    ['converter', { args: ['39da9369-838e-4750-91a5-f7805cd82839'] }, '/converter/uuid/39da9369-838e-4750-91a5-f7805cd82839/'],
    ['regex', { args: ['ABC'] }, '/regex/uppercase/ABC/'],
    ['regex', { args: ['abc'] }, '/regex/lowercase/abc/'],
    ['converter_to_url', { args: [6] }, '/converter_to_url/int/6/'],
    ['converter_to_url', { args: [1] }, '/converter_to_url/tiny_int/1/'],
  ];
  for (const [name, options, url] of CASES) {
    it(`${name} ${JSON.stringify(options)} → ${url}`, () => assert.equal(resolver.reverse(name, options), url));
  }
});

describe('reverse: custom converters through includes and instance namespaces (Django path_base64_urls)', () => {
  const base64 = {
    regex: '[a-zA-Z0-9+/]*={0,2}',
    toPython: (value: string) => Buffer.from(value, 'base64'),
    toUrl: (value: Buffer) => value.toString('base64'),
  };
  const subsub = [path('<base64:last_value>/', emptyView, { name: 'subsubpattern-base64' })];
  const sub = [
    path('<base64:value>/', emptyView, { name: 'subpattern-base64' }),
    path('<base64:value>/', include([subsub, 'second-layer-namespaced-base64'], { namespace: 'instance-ns-base64' })),
  ];
  let resolver: Resolver;
  before(async () => {
    resolver = await Resolver.load({
      converters: { base64 },
      urlpatterns: [
        path('base64/<base64:value>/', emptyView, { name: 'base64' }),
        path('base64/<base64:base>/subpatterns/', include(sub)),
        path('base64/<base64:base>/namespaced/', include([sub, 'namespaced-base64'])),
      ],
    });
  });
  const hello = Buffer.from('hello');
  const world = Buffer.from('world');
  const DATA: Array<[string, string, string, object]> = [
    ['/base64/aGVsbG8=/', 'base64', '', { value: hello }],
    ['/base64/aGVsbG8=/subpatterns/d29ybGQ=/', 'subpattern-base64', '', { base: hello, value: world }],
    ['/base64/aGVsbG8=/namespaced/d29ybGQ=/', 'subpattern-base64', 'namespaced-base64', { base: hello, value: world }],
  ];
  for (const [url, urlName, appName, kwargs] of DATA) {
    it(`resolves and reverses ${url}`, () => {
      const match = resolver.resolve(url);
      assert.equal(match.urlName, urlName);
      assert.equal(match.appName, appName);
      assert.deepEqual(match.kwargs, kwargs);
      assert.equal(resolver.reverse(appName ? `${appName}:${urlName}` : urlName, { kwargs: kwargs as Record<string, unknown> }), url);
    });
  }

  it('reverses through a second-layer instance namespace with outer converters', () => {
    const url = resolver.reverse('instance-ns-base64:subsubpattern-base64', { kwargs: { base: hello, value: world, last_value: world } });
    assert.equal(url, '/base64/aGVsbG8=/subpatterns/d29ybGQ=/d29ybGQ=/');
  });
});

describe('reverse() without a resolver in hand', () => {
  it('uses the resolver of the request being handled', async () => {
    const resolver = await Resolver.load([path('home/', view, { name: 'home' })]);
    const url = await runWithResolver(resolver, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return reverse('home', { query: { a: 1 } });
    });
    assert.equal(url, '/home/?a=1');
    assert.equal(reverse('home', { urlconf: resolver }), '/home/');
  });

  it('says what to do outside a request', () => {
    assert.throws(() => reverse('home'), ImproperlyConfigured);
  });
});
