import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../../../src/urls/normalize.js';

/** Django's normalize() output: [(format with %(name)s holes, params)]. */
function asDjango(pattern: string): Array<[string, string[]]> {
  return normalize(pattern).map((form) => [
    form.parts.map((part) => (typeof part === 'string' ? part : `%(${part.param})s`)).join(''),
    [...form.params],
  ]);
}

// Expected values printed by Django 5.2's django.utils.regex_helper.normalize.
const CASES: Array<[string, Array<[string, string[]]>]> = [
  ['^$', [['', []]]],
  ['^test$', [['test', []]]],
  ['^(?P<first_group_name>.*)-(?P<second_group_name>.*)$', [['%(first_group_name)s-%(second_group_name)s', ['first_group_name', 'second_group_name']]]],
  ['^(?P<first_group_name>\\d+)-(?P<second_group_name>\\d+)$', [['%(first_group_name)s-%(second_group_name)s', ['first_group_name', 'second_group_name']]]],
  ['^(.*)-(.*)$', [['%(_0)s-%(_1)s', ['_0', '_1']]]],
  ['^(?:non-capturing)$', [['non-capturing', []]]],
  ['^(?:(?P<a>\\d+)/)?$', [['', []], ['%(a)s/', ['a']]]],
  ['^(?:(?P<a>\\d+)/)?(?P<b>\\w+)/$', [['%(b)s/', ['b']], ['%(a)s/%(b)s/', ['a', 'b']]]],
  ['^a{3}b$', [['aaab', []]]],
  ['^a+b?c*$', [['a', []]]],
  ['^(?P<x>\\w+)|(?P<y>\\d+)$', [['', []]]],
  ['^abc(?=x)def$', [['abcdef', []]]],
  ['^abc(?<!x)def$', [['abcdef', []]]],
  ['^(?P<x>a)(?P=x)$', [['%(x)s%(x)s', ['x']]]],
  ['^[abc]x\\.\\d\\w$', [['ax.0x', []]]],
  ['^((?P<n>\\d+)/)+$', [['%(_0)s', ['_0']]]],
  ['^\\bword\\b\\Zz', [['wordz', []]]],
  ['^(?:a(?:(?P<p>\\d)/)?)?$', [['', []]]],
  ['articles/(?P<year>[0-9]+)/\\Z', [['articles/%(year)s/', ['year']]]],
  ['sp\\ ace/(?P<s>[^/]+)/\\Z', [['sp ace/%(s)s/', ['s']]]],
];

describe('normalize (Django regex_helper)', () => {
  for (const [pattern, expected] of CASES) {
    it(pattern, () => assert.deepEqual(asDjango(pattern), expected));
  }

  it('refuses what Django refuses', () => {
    assert.throws(() => normalize('^(?i)x$'), { message: "Non-reversible reg-exp portion: '(?i'" });
    assert.throws(() => normalize('^(?Px)$'), { message: "Non-reversible reg-exp portion: '(?Px'" });
  });

  it('reads JavaScript named groups like Python ones', () => {
    assert.deepEqual(asDjango('^(?<y>\\d+)/$'), [['%(y)s/', ['y']]]);
  });
});
