/** QueryDict.parse decodes as Django's QueryDict (outputs taken from Django 3.2's). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QueryDict } from '../../../src/http/query-dict.js';

describe('QueryDict.parse', () => {
  it('keeps malformed escapes and replaces bytes that are not UTF-8, as Django (never a 400)', () => {
    const cases: Array<[string, Record<string, string[]>]> = [
      ['q=%ff%3Czq', { q: ['\ufffd<zq'] }],
      ['a=%E0%A4%A', { a: ['\ufffd%A'] }],
      ['q=100%', { q: ['100%'] }],
      ['q=%zz&b=%', { q: ['%zz'], b: ['%'] }],
      ['q=%c3', { q: ['\ufffd'] }],
      ['q=%ed%a0%80', { q: ['\ufffd\ufffd\ufffd'] }],
      ['q=a+b%2B', { q: ['a b+'] }],
      ['q=%e0%a4%a4x%ff', { q: ['तx\ufffd'] }],
    ];
    for (const [query, expected] of cases) {
      const parsed = QueryDict.parse(query);
      assert.deepEqual(Object.fromEntries(parsed.keys().map((k) => [k, parsed.getlist(k)])), expected, query);
    }
  });
});
