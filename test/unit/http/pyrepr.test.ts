import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyRepr, pyReprTuple, pyStr, pyTypeName } from '../../../src/http/pyrepr.js';

describe('Python repr/str', () => {
  // Right-hand sides are what Python prints for the equivalent value.
  const REPRS: Array<[unknown, string]> = [
    ['x', "'x'"],
    ["a'b", `"a'b"`],
    [`a"b'`, `'a"b\\''`],
    ['\x00\x7fé\n\t\u2028\\', "'\\x00\\x7fé\\n\\t\\u2028\\\\'"],
    ['🎉', "'🎉'"],
    [24, '24'],
    [1.5, '1.5'],
    [Number.NaN, 'nan'],
    [true, 'True'],
    [null, 'None'],
    [undefined, 'None'],
    [[1, 'x'], "[1, 'x']"],
    [{ year: 24, f: { g: "it's" } }, `{'year': 24, 'f': {'g': "it's"}}`],
    [['int/(?P<n>[0-9]+)/\\Z'], "['int/(?P<n>[0-9]+)/\\\\Z']"],
  ];
  for (const [value, repr] of REPRS) it(`repr ${repr}`, () => assert.equal(pyRepr(value), repr));

  it('renders tuples', () => {
    assert.equal(pyReprTuple([]), '()');
    assert.equal(pyReprTuple(['x']), "('x',)");
    assert.equal(pyReprTuple([1, 'z']), "(1, 'z')");
  });

  it('str() leaves strings alone and reprs the rest', () => {
    assert.equal(pyStr('a b'), 'a b');
    assert.equal(pyStr(7), '7');
    assert.equal(pyStr(false), 'False');
  });

  it('names types like Python', () => {
    assert.deepEqual(['s', 1, 1.5, [], true, null, new Map()].map(pyTypeName), ['str', 'int', 'float', 'list', 'bool', 'NoneType', 'Map']);
  });
});
