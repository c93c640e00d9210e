import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Headers, RequestHeaders } from '../../../src/http/headers.js';
import { HttpResponse } from '../../../src/http/response.js';

describe('response Headers', () => {
  it('finds a header whatever the case it is asked in, and keeps the order headers were first set', () => {
    const headers = new Headers({ 'Content-Type': 'text/plain', 'X-Frame-Options': 'DENY' });
    assert.equal(headers.get('content-type'), 'text/plain');
    assert.equal(headers.get('CONTENT-TYPE'), 'text/plain');
    assert.equal(headers.has('x-frame-options'), true);
    assert.equal(headers.has('X-Frame-Option'), false);
    assert.equal(headers.get('Vary'), undefined);
    headers.set('Vary', 'Cookie');
    headers.set('content-type', 'text/html');
    assert.deepEqual([...headers], [
      ['content-type', 'text/html'],
      ['X-Frame-Options', 'DENY'],
      ['Vary', 'Cookie'],
    ]);
  });

  it('setDefault only fills an absent header; delete removes it in any case', () => {
    const headers = new Headers();
    headers.setDefault('Referrer-Policy', 'same-origin');
    headers.setDefault('referrer-policy', 'no-referrer');
    assert.equal(headers.get('Referrer-Policy'), 'same-origin');
    headers.delete('REFERRER-POLICY');
    assert.equal(headers.has('Referrer-Policy'), false);
    headers.delete('Referrer-Policy');
    assert.deepEqual([...headers], []);
  });

  it('folds only ASCII letters as ASCII: token characters that differ by one bit stay different', () => {
    const headers = new Headers({ 'X-A^B': '1', 'X-A@B': '2' });
    assert.equal(headers.get('x-a~b'), undefined);
    assert.equal(headers.get('x-a`b'), undefined);
    assert.equal(headers.get('x-a^b'), '1');
    assert.equal(headers.get('x-a@b'), '2');
    // Beyond ASCII, the same folding as toLowerCase().
    const unicode = new Headers({ 'X-Ä': 'umlaut' });
    assert.equal(unicode.get('x-ä'), 'umlaut');
  });

  it('stringifies numbers and refuses values that would split the header', () => {
    const headers = new Headers();
    headers.set('Content-Length', 5);
    assert.equal(headers.get('content-length'), '5');
    assert.throws(() => headers.set('X-Evil', 'a\r\nSet-Cookie: x=1'), /Header values can't contain newlines/);
    assert.throws(() => headers.set('X-Evil', 'a\0b'), /Header values can't contain newlines/);
  });

  it('hands node the headers as a record or a flat name/value list', () => {
    const headers = new Headers([
      ['Content-Type', 'text/plain'],
      ['Content-Length', '5'],
    ]);
    assert.deepEqual(headers.toRecord(), { 'Content-Type': 'text/plain', 'Content-Length': '5' });
    assert.deepEqual(headers.toFlatList(), ['Content-Type', 'text/plain', 'Content-Length', '5']);
  });
});

describe('request headers', () => {
  it('answer in any case, joining repeated values as node lists them', () => {
    const headers = new RequestHeaders({ host: 'example.com', cookie: 'a=1', 'x-multi': ['1', '2'] });
    assert.equal(headers.get('host'), 'example.com');
    assert.equal(headers.get('Host'), 'example.com');
    assert.equal(headers.has('COOKIE'), true);
    assert.equal(headers.has('cookies'), false);
    assert.equal(headers.get('X-Multi'), '1, 2');
    assert.equal(headers.get('x-ünknown'), undefined);
  });
});

describe('response cookies', () => {
  it('go out as one Set-Cookie value per cookie, the last one set by a name winning', () => {
    const response = new HttpResponse('x');
    assert.deepEqual([...response.setCookieHeaders()], []);
    response.setCookie('a', '1');
    response.setCookie('b', '2', { path: '/b' });
    response.setCookie('a', '3');
    assert.deepEqual([...response.setCookieHeaders()], ['a=3; Path=/', 'b=2; Path=/b']);
    assert.equal(response.cookies.size, 2);
  });
});
