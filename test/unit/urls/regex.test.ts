import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImproperlyConfigured } from '../../../src/errors.js';
import { compilePattern, literalPrefix, pyEscape, toJsSource } from '../../../src/urls/regex.js';

describe('pyEscape (Python re.escape)', () => {
  it('escapes exactly what Python 3.7+ escapes', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    // The expected text is Python's re.escape() of the same 95 characters.
    assert.equal(
      pyEscape(printable),
      '\\ !"\\#\\$%\\&\'\\(\\)\\*\\+,\\-\\./0123456789:;<=>\\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\[\\\\\\]\\^_`abcdefghijklmnopqrstuvwxyz\\{\\|\\}\\~',
    );
    assert.equal(pyEscape('\t\n\r\v\fé'), '\\\t\\\n\\\r\\\v\\\fé');
  });
});

describe('Python regex → JavaScript', () => {
  const TRANSLATIONS: Array<[string, string]> = [
    ['^(?P<year>[0-9]{4})/$', '^(?<year>[0-9]{4})/$'],
    ['^(?P<a>x)(?P=a)$', '^(?<a>x)\\k<a>$'],
    ['^a(?#comment)b\\Z', '^ab$'],
    ['\\Aa', '^a'],
    ['a{}b{x}c{,3}d{2,}', 'a\\{\\}b\\{x\\}c{0,3}d{2,}'],
    ['[]a][^]b]', '[\\]a][^\\]b]'],
    ['f\\-g\\.h\\/\\ \\#', 'f-g\\.h\\/ #'],
    ['[\\-a]', '[\\-a]'],
    ['(?<y>\\d+)', '(?<y>\\p{Nd}+)'],
    ['\\U0001F600', '\\u{0001F600}'],
  ];
  for (const [python, js] of TRANSLATIONS) it(python, () => assert.equal(toJsSource(python), js));

  const MATCHES: Array<[string, string, boolean]> = [
    ['^(?P<w>\\w+)$', 'café_42', true],
    ['^\\w+$', 'a-b', false],
    ['^[\\w-]+$', 'é-x', true],
    ['^\\d+$', '٣٤', true],
    ['^\\W$', 'é', false],
    ['^a\\Z', 'a\n', false],
    ['^a$', 'a\n', false],
    ['^x{,2}$', 'xx', true],
    ['^a{b$', 'a{b', true],
  ];
  for (const [python, subject, expected] of MATCHES) {
    it(`${python} ${expected ? 'matches' : 'rejects'} ${JSON.stringify(subject)}`, () => {
      assert.equal(compilePattern(python).test(subject), expected);
    });
  }

  it('reports a bad regex with Django wording', () => {
    assert.throws(() => compilePattern('^(?P<x'), (error: unknown) => {
      assert.ok(error instanceof ImproperlyConfigured);
      assert.match(error.message, /^"\^\(\?P<x" is not a valid regular expression: /);
      return true;
    });
  });
});

describe('literalPrefix', () => {
  const CASES: Array<[string, string]> = [
    ['^blog/(?P<year>[0-9]+)/\\Z', 'blog/'],
    ['^f\\-g\\.h/\\Z', 'f-g.h/'],
    ['^abc?/', 'ab'],
    ['^ab+c/', 'ab'],
    ['^a{2}/', ''],
    ['^(?:a)/', ''],
    ['blog/', ''],
    ['^a/|^b/', ''],
    ['^a/(b|c)/', 'a/'],
    ['^a\\|b/', 'a|b/'],
    ['^\\d', ''],
    ['^/', '/'],
  ];
  for (const [regex, prefix] of CASES) it(`${regex} → ${JSON.stringify(prefix)}`, () => assert.equal(literalPrefix(regex), prefix));
});
