import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, it } from 'node:test';
import { formatBanner, formatStartDate, reachableUrls } from '../../../src/commands/runserver/banner.js';

const plain = { warning: (t: string) => t };
const yellow = { warning: (t: string) => `\x1b[33;1m${t}\x1b[0m` };
const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false, scopeid?: number): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: scopeid ?? 0 } : {}) }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  eth0: [iface('192.168.1.20', 'IPv4'), iface('2001:db8::20', 'IPv6'), iface('fe80::1', 'IPv6', false, 2)],
};
const base = {
  now: new Date(2026, 10, 29, 18, 55, 38),
  version: '0.1.0',
  settingsModule: 'blog.settings',
  display: '127.0.0.1',
  host: '127.0.0.1',
  port: 8000,
  interfaces,
  hideWarning: false,
};
const WARNING =
  'WARNING: This is a development server. Do not use it in a production setting. ' +
  'Serve createApp() from your own node:http server or a process manager instead.\n' +
  'For more information on production servers see the "Going to production" section of the managets README.';

describe('runserver banner', () => {
  it('dates the start as strftime("%B %d, %Y - %X")', () => {
    assert.equal(formatStartDate(new Date(2026, 10, 29, 18, 55, 38)), 'November 29, 2026 - 18:55:38');
    assert.equal(formatStartDate(new Date(2027, 0, 5, 7, 8, 9)), 'January 05, 2027 - 07:08:09');
  });

  it('prints the Django lines, a blank line and the production warning', () => {
    assert.equal(
      formatBanner(base, plain),
      [
        'November 29, 2026 - 18:55:38',
        "managets version 0.1.0, using settings 'blog.settings'",
        'Starting development server at http://127.0.0.1:8000/',
        'Quit the server with CONTROL-C.',
        '',
        WARNING,
        '',
      ].join('\n'),
    );
  });

  it('colours both warning lines together and keeps the blank line when the warning is hidden', () => {
    assert.ok(formatBanner(base, yellow).endsWith(`CONTROL-C.\n\n\x1b[33;1m${WARNING}\x1b[0m\n`));
    assert.ok(formatBanner({ ...base, hideWarning: true }, yellow).endsWith('Quit the server with CONTROL-C.\n\n'));
  });

  it('shows the address as typed and the bound port', () => {
    const text = formatBanner({ ...base, display: '[::1]', host: '::1', port: 41234 }, plain);
    assert.match(text, /^Starting development server at http:\/\/\[::1\]:41234\/$/m);
  });

  it('lists the reachable URLs when bound to every interface', () => {
    const text = formatBanner({ ...base, display: '0.0.0.0', host: '0.0.0.0' }, plain);
    assert.match(
      text,
      /Starting development server at http:\/\/0\.0\.0\.0:8000\/\n {2}Local: {3}http:\/\/127\.0\.0\.1:8000\/\n {2}Network: http:\/\/192\.168\.1\.20:8000\/\nQuit/,
    );
  });

  it('adds IPv6 addresses (never link-local ones) for ::', () => {
    assert.deepEqual(reachableUrls('::', 8000, interfaces), [
      '  Local:   http://127.0.0.1:8000/',
      '  Local:   http://[::1]:8000/',
      '  Network: http://192.168.1.20:8000/',
      '  Network: http://[2001:db8::20]:8000/',
    ]);
    assert.deepEqual(reachableUrls('127.0.0.1', 8000, interfaces), []);
  });
});
