import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommandError } from '../../../src/errors.js';
import { isWildcard, parseAddrPort, serverUrl } from '../../../src/http/address.js';

const shown = (addrport: string, ipv6 = false) => {
  const a = parseAddrPort(addrport, { ipv6 });
  return { host: a.host, port: a.port, ipv6: a.ipv6, url: serverUrl(a.display, a.port) };
};

describe('parseAddrPort (Django runserver tests: test_runserver_addrport and friends)', () => {
  const valid: Array<[string, boolean, { host: string; port: number; ipv6: boolean; url: string }]> = [
    ['', false, { host: '127.0.0.1', port: 8000, ipv6: false, url: 'http://127.0.0.1:8000/' }],
    ['7000', false, { host: '127.0.0.1', port: 7000, ipv6: false, url: 'http://127.0.0.1:7000/' }],
    ['1.2.3.4:8000', false, { host: '1.2.3.4', port: 8000, ipv6: false, url: 'http://1.2.3.4:8000/' }],
    ['localhost:8000', false, { host: 'localhost', port: 8000, ipv6: false, url: 'http://localhost:8000/' }],
    ['LOCALHOST:8000', false, { host: 'LOCALHOST', port: 8000, ipv6: false, url: 'http://LOCALHOST:8000/' }],
    ['test.domain.local:7000', false, { host: 'test.domain.local', port: 7000, ipv6: false, url: 'http://test.domain.local:7000/' }],
    ['[2001:0db8:1234:5678::9]:7000', false, { host: '2001:0db8:1234:5678::9', port: 7000, ipv6: true, url: 'http://[2001:0db8:1234:5678::9]:7000/' }],
    ['[2001:db8::9]:7000', false, { host: '2001:db8::9', port: 7000, ipv6: true, url: 'http://[2001:db8::9]:7000/' }],
    ['[::]:8000', false, { host: '::', port: 8000, ipv6: true, url: 'http://[::]:8000/' }],
    ['', true, { host: '::1', port: 8000, ipv6: true, url: 'http://[::1]:8000/' }],
    ['7000', true, { host: '::1', port: 7000, ipv6: true, url: 'http://[::1]:7000/' }],
    ['test.domain.local:7000', true, { host: 'test.domain.local', port: 7000, ipv6: true, url: 'http://test.domain.local:7000/' }],
    ['0:8000', false, { host: '0.0.0.0', port: 8000, ipv6: false, url: 'http://0.0.0.0:8000/' }],
    ['0', false, { host: '127.0.0.1', port: 0, ipv6: false, url: 'http://127.0.0.1:0/' }],
    ['00080', false, { host: '127.0.0.1', port: 80, ipv6: false, url: 'http://127.0.0.1:80/' }],
    ['65535', false, { host: '127.0.0.1', port: 65535, ipv6: false, url: 'http://127.0.0.1:65535/' }],
    // No range check on IPv4 and digits-only labels are host names: the bind reports these.
    ['999.999.999.999:8000', false, { host: '999.999.999.999', port: 8000, ipv6: false, url: 'http://999.999.999.999:8000/' }],
    ['1.2.3.4.5:8000', false, { host: '1.2.3.4.5', port: 8000, ipv6: false, url: 'http://1.2.3.4.5:8000/' }],
  ];
  for (const [input, ipv6, expected] of valid) {
    it(`${ipv6 ? '-6 ' : ''}"${input}"`, () => assert.deepEqual(shown(input, ipv6), expected));
  }

  const invalid: Array<[string, boolean, string]> = [
    ['abc', false, '"abc" is not a valid port number or address:port pair.'],
    [':8000', false, '":8000" is not a valid port number or address:port pair.'],
    ['localhost', false, '"localhost" is not a valid port number or address:port pair.'],
    ['1.2.3.4:', false, '"1.2.3.4:" is not a valid port number or address:port pair.'],
    ['2001:db8::9:7000', false, '"2001:db8::9:7000" is not a valid port number or address:port pair.'],
    ['[2001:db8::g]:7000', false, '"[2001:db8::g]:7000" is not a valid port number or address:port pair.'],
    ['under_score.local:8000', false, '"under_score.local:8000" is not a valid port number or address:port pair.'],
    ['-8000', false, '"-8000" is not a valid port number or address:port pair.'],
    ['8000 ', false, '"8000 " is not a valid port number or address:port pair.'],
    ['١٢٣', false, '"١٢٣" is not a valid port number or address:port pair.'],
    ['1.2.3.4:8000', true, '"1.2.3.4" is not a valid IPv6 address.'],
    ['70000', false, '"70000" is not a valid port number: it must be between 0 and 65535.'],
    ['localhost:99999', false, '"99999" is not a valid port number: it must be between 0 and 65535.'],
  ];
  for (const [input, ipv6, message] of invalid) {
    it(`rejects ${ipv6 ? '-6 ' : ''}"${input}"`, () => {
      assert.throws(
        () => parseAddrPort(input, { ipv6 }),
        (error: unknown) => error instanceof CommandError && error.message === message && error.code === 'MANAGE_ERR_ADDRPORT',
      );
    });
  }
});

describe('isWildcard', () => {
  it('knows every spelling of "all interfaces"', () => {
    for (const host of ['0.0.0.0', '::', '0:0:0:0:0:0:0:0', '::0']) assert.equal(isWildcard(host), true, host);
    for (const host of ['127.0.0.1', '::1', 'localhost', '0']) assert.equal(isWildcard(host), false, host);
  });
});
