import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHttpDate, parseHttpDate } from '../../../src/static/http-date.js';
import { negotiateFile, parseRange, preferredEncoding, weakEtag } from '../../../src/static/negotiate.js';
import { contentTypeFor } from '../../../src/static/mime.js';

const STAT = { size: 10, mtimeMs: 784_111_777_250 }; // Sun, 06 Nov 1994 08:49:37.250 GMT

describe('parseHttpDate', () => {
  it('accepts the three HTTP date formats', () => {
    const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
    assert.equal(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'), expected);
    assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', new Date(Date.UTC(2025, 0, 1))), expected);
    assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994'), expected);
  });

  it('rejects what Date.parse would accept', () => {
    for (const value of ['1', 'yesterday', '2024-01-01', 'Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 25:49:37 GMT', 'Sun, 06 Nov 0001 08:49:37 GMT', '']) {
      assert.equal(parseHttpDate(value), undefined, value);
    }
  });

  it('round-trips formatHttpDate at second precision', () => {
    assert.equal(formatHttpDate(STAT.mtimeMs), 'Sun, 06 Nov 1994 08:49:37 GMT');
    assert.equal(parseHttpDate(formatHttpDate(STAT.mtimeMs)), Math.floor(STAT.mtimeMs / 1000) * 1000);
  });
});

describe('parseRange', () => {
  const cases: Array<[string, number, ReturnType<typeof parseRange>]> = [
    ['bytes=0-0', 10, [0, 0]],
    ['bytes=0-', 10, [0, 9]],
    ['bytes=9-', 10, [9, 9]],
    ['bytes=-1', 10, [9, 9]],
    ['bytes=2-99999999999999999999', 10, [2, 9]],
    [' bytes = 1-2', 10, undefined],
    ['BYTES=1-2', 10, [1, 2]],
    ['bytes=10-', 10, 'unsatisfiable'],
    ['bytes=99999999999999999999-', 10, 'unsatisfiable'],
    ['bytes=-0', 10, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=-5', 0, 'unsatisfiable'],
    ['bytes=3-2', 10, undefined],
    ['bytes=0-1,3-4', 10, undefined],
    ['bytes=0-1, ', 10, [0, 1]],
    ['bytes=-', 10, undefined],
    ['bytes=a-b', 10, undefined],
    ['bits=0-1', 10, undefined],
  ];
  for (const [value, size, expected] of cases) {
    it(`${JSON.stringify(value)} of ${size} bytes → ${JSON.stringify(expected)}`, () => assert.deepEqual(parseRange(value, size), expected));
  }
});

describe('preferredEncoding', () => {
  const both = ['br', 'gzip'];
  const cases: Array<[string | undefined, string[], string | undefined]> = [
    [undefined, both, undefined],
    ['gzip, deflate, br', both, 'br'],
    ['gzip', both, 'gzip'],
    ['x-gzip', both, 'gzip'],
    ['br;q=0, gzip', both, 'gzip'],
    ['br;q=0.5, gzip;q=0.8', both, 'gzip'],
    ['*', both, 'br'],
    ['*, br;q=0', both, 'gzip'],
    ['identity', both, undefined],
    ['gzip;q=0', ['gzip'], undefined],
    ['br', ['gzip'], undefined],
    ['br;q=nope', both, undefined],
  ];
  for (const [header, available, expected] of cases) {
    it(`${JSON.stringify(header)} with [${available}] → ${expected}`, () => {
      assert.equal(preferredEncoding(header === undefined ? {} : { 'accept-encoding': header }, available), expected);
    });
  }
});

describe('negotiateFile', () => {
  it('sends 200 with validators and the whole file when nothing is conditional', () => {
    const result = negotiateFile('GET', {}, STAT);
    assert.deepEqual(result, {
      status: 200,
      start: 0,
      end: 9,
      headers: { ETag: weakEtag(STAT), 'Last-Modified': 'Sun, 06 Nov 1994 08:49:37 GMT', 'Accept-Ranges': 'bytes', 'Content-Length': '10' },
    });
  });

  it('makes a different ETag per encoding and per size or mtime', () => {
    const tags = new Set([weakEtag(STAT), weakEtag(STAT, 'gzip'), weakEtag({ ...STAT, size: 11 }), weakEtag({ ...STAT, mtimeMs: STAT.mtimeMs + 1 })]);
    assert.equal(tags.size, 4);
  });

  it('treats a sub-second newer mtime as not modified since its own Last-Modified', () => {
    const result = negotiateFile('GET', { 'if-modified-since': 'Sun, 06 Nov 1994 08:49:37 GMT' }, STAT);
    assert.equal(result.status, 304);
  });

  it('ignores conditionals and ranges for methods other than GET and HEAD', () => {
    const result = negotiateFile('POST', { 'if-none-match': '*', range: 'bytes=0-1' }, STAT);
    assert.equal(result.status, 200);
  });

  it('joins repeated header values', () => {
    const result = negotiateFile('GET', { 'if-none-match': ['"a"', weakEtag(STAT)] }, STAT);
    assert.equal(result.status, 304);
  });
});

describe('contentTypeFor', () => {
  it('adds charset=utf-8 to text types only and is case-insensitive', () => {
    assert.equal(contentTypeFor('a.CSS'), 'text/css; charset=utf-8');
    assert.equal(contentTypeFor('x.svg'), 'image/svg+xml; charset=utf-8');
    assert.equal(contentTypeFor('x.mjs'), 'text/javascript; charset=utf-8');
    assert.equal(contentTypeFor('x.webp'), 'image/webp');
    assert.equal(contentTypeFor('Makefile'), 'application/octet-stream');
  });
});
