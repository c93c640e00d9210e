import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disallowedHostMessage, effectiveAllowedHosts, HostValidator } from '../../../src/http/host.js';

describe('host validation (Django get_host/validate_host)', () => {
  // Asked twice: the second answer comes from the validator's memory and must be the same.
  const allowed = (host: string, patterns: string[]) => {
    const validator = new HostValidator(patterns);
    const first = validator.allows(host);
    assert.equal(validator.allows(host), first);
    return first;
  };
  const table: Array<[string, string[], boolean]> = [
    ['example.com', ['example.com'], true],
    ['EXAMPLE.com', ['example.com'], true],
    ['example.com.', ['example.com'], true],
    ['example.com..', ['example.com'], false],
    ['example.com:8080', ['example.com'], true],
    ['example.com:8080', ['example.com:8080'], false],
    ['sub.example.com', ['.example.com'], true],
    ['example.com', ['.example.com'], true],
    ['badexample.com', ['.example.com'], false],
    ['anything.test', ['*'], true],
    ['evil.com', [], false],
    ['evil.com', [''], false],
    ['[::1]', ['[::1]'], true],
    ['[::1]:8000', ['[::1]'], true],
    ['[2001:db8::1]', ['[2001:db8::1]'], true],
    ['example.com@evil.tld', ['example.com'], false],
    ['example.com:dr.frankenstein@evil.tld', ['*'], false],
    ['example.com/x', ['*'], false],
    ['exa mple.com', ['*'], false],
    ['localhost', effectiveAllowedHosts([], true) as string[], true],
    ['sub.localhost:8000', effectiveAllowedHosts([], true) as string[], true],
    ['127.0.0.1:8000', effectiveAllowedHosts([], true) as string[], true],
    ['[::1]:8000', effectiveAllowedHosts([], true) as string[], true],
    ['192.168.0.1', effectiveAllowedHosts([], true) as string[], false],
    ['localhost', effectiveAllowedHosts([], false) as string[], false],
  ];
  for (const [host, patterns, expected] of table) {
    it(`${JSON.stringify(host)} against ${JSON.stringify(patterns)} → ${expected ? 'allowed' : 'refused'}`, () => {
      assert.equal(allowed(host, patterns), expected);
    });
  }

  it('stays right across far more distinct Host headers than it remembers (the memory is bounded)', () => {
    const validator = new HostValidator(['.example.com']);
    for (let i = 0; i < 10_000; i++) assert.equal(validator.allows(`h${i}.example.com`), true);
    for (let i = 0; i < 10_000; i++) assert.equal(validator.allows(`h${i}.example.org`), false);
    assert.equal(validator.allows('example.com:80'), true);
    assert.equal(validator.allows('bad host'), false);
  });

  it("words the refusal as Django does", () => {
    assert.equal(disallowedHostMessage('evil.com'), "Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS.");
    assert.equal(disallowedHostMessage('evil.com:8000'), "Invalid HTTP_HOST header: 'evil.com:8000'. You may need to add 'evil.com' to ALLOWED_HOSTS.");
    assert.equal(disallowedHostMessage('[::2]:80'), "Invalid HTTP_HOST header: '[::2]:80'. You may need to add '[::2]' to ALLOWED_HOSTS.");
    assert.equal(
      disallowedHostMessage('bad host'),
      "Invalid HTTP_HOST header: 'bad host'. The domain name provided is not valid according to RFC 1034/1035.",
    );
  });
});
