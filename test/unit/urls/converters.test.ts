import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ConverterRegistry, include, IntConverter, path, Resolver, Resolver404 } from '../../../src/urls/index.js';

const view = () => undefined;

describe("built-in converters (Django's ConverterTests)", () => {
  let resolver: Resolver;
  before(async () => {
    resolver = await Resolver.load(['int', 'path', 'slug', 'str', 'uuid'].map((name) => path(`${name}/<${name}:${name}>/`, view, { name })));
  });

  const MATCHING: Array<[string, string, unknown]> = [
    ['int', '0', 0],
    ['int', '1', 1],
    ['int', '01', 1],
    ['int', '1234567890', 1234567890],
    ['str', 'abcxyz', 'abcxyz'],
    ['path', 'allows.ANY*characters', 'allows.ANY*characters'],
    ['slug', 'abcxyz-ABCXYZ_01234567890', 'abcxyz-ABCXYZ_01234567890'],
    ['uuid', '39da9369-838e-4750-91a5-f7805cd82839', '39da9369-838e-4750-91a5-f7805cd82839'],
  ];
  for (const [name, suffix, value] of MATCHING) {
    it(`/${name}/${suffix}/ resolves and reverses`, () => {
      const url = `/${name}/${suffix}/`;
      const match = resolver.resolve(url);
      assert.equal(match.urlName, name);
      assert.deepEqual(match.kwargs, { [name]: value });
      assert.equal(resolver.reverse(name, { kwargs: { [name]: suffix } }), url);
      assert.equal(resolver.reverse(name, { kwargs: { [name]: value } }), `/${name}/${String(value)}/`);
    });
  }

  const NONMATCHING: Array<[string, string]> = [
    ['int', '-1'],
    ['int', 'letters'],
    ['int', '99999999999999999999'],
    ['str', ''],
    ['str', '/'],
    ['path', ''],
    ['slug', ''],
    ['slug', 'stars*notallowed'],
    ['uuid', ''],
    ['uuid', '9da9369-838e-4750-91a5-f7805cd82839'],
    ['uuid', '39da9369-838-4750-91a5-f7805cd82839'],
    ['uuid', '39da9369-838e-475-91a5-f7805cd82839'],
    ['uuid', '39da9369-838e-4750-91a-f7805cd82839'],
    ['uuid', '39da9369-838e-4750-91a5-f7805cd8283'],
    ['uuid', '39DA9369-838E-4750-91A5-F7805CD82839'],
  ];
  for (const [name, suffix] of NONMATCHING) {
    it(`/${name}/${suffix}/ does not match`, () => assert.throws(() => resolver.resolve(`/${name}/${suffix}/`), Resolver404));
  }
});

describe('ConverterRegistry', () => {
  class YearConverter {
    readonly regex = /[0-9]{4}/;
    toPython = Number;
    toUrl = (value: number) => String(value).padStart(4, '0');
  }

  it("refuses a second converter under a taken name (Django 6's ValueError text)", () => {
    const registry = new ConverterRegistry();
    assert.throws(() => registry.registerConverter(IntConverter, 'int'), { message: "Converter 'int' is already registered." });
    registry.registerConverter(YearConverter, 'yyyy');
    registry.registerConverter(YearConverter, 'yyyy'); // the same converter again is fine
    assert.throws(() => registry.registerConverter(new YearConverter(), 'yyyy'), { message: "Converter 'yyyy' is already registered." });
  });

  it('refuses an object that is not a converter', () => {
    const registry = new ConverterRegistry();
    assert.throws(() => registry.registerConverter({ regex: 'x' } as never, 'bad'), { message: "Converter 'bad' must have a regex, toPython() and toUrl()." });
  });

  it('gives the resolver its converters without changing the registry passed in', async () => {
    const registry = new ConverterRegistry();
    registry.registerConverter(YearConverter, 'yyyy');
    const resolver = await Resolver.load({ urlpatterns: [path('y/<yyyy:year>/<v:v>/', view, { name: 'y' })], converters: { v: YearConverter } }, { converters: registry });
    assert.deepEqual(resolver.resolve('/y/0042/2024/').kwargs, { year: 42, v: 2024 });
    assert.equal(resolver.reverse('y', { args: [7, 2024] }), '/y/0007/2024/');
    assert.equal(registry.get('v'), undefined);
  });

  it("lets an included module use a converter another module exports, like Django's register_converter", async () => {
    const blog = { urlpatterns: [path('<yyyy:year>/', view, { name: 'year' })] };
    const resolver = await Resolver.load({ urlpatterns: [path('blog/', include(blog))], converters: { yyyy: YearConverter } });
    assert.deepEqual(resolver.resolve('/blog/2024/').kwargs, { year: 2024 });
  });

  it('skips a pattern whose converter toUrl() throws', async () => {
    const positive = { regex: '[0-9]+', toPython: Number, toUrl: (n: number) => (n > 0 ? String(n) : assert.fail('not positive')) };
    const resolver = await Resolver.load({ urlpatterns: [path('p/<pos:n>/', view, { name: 'n' })], converters: { pos: positive } });
    assert.equal(resolver.reverse('n', { args: [3] }), '/p/3/');
    assert.throws(() => resolver.reverse('n', { args: [0] }), { name: 'NoReverseMatch' });
  });
});
