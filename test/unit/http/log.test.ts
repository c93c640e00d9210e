import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createLogger,
  ERROR,
  formatRequestLog,
  formatServerTime,
  INFO,
  statusColor,
  statusLevel,
  WARNING,
} from '../../../src/http/log.js';
import type { LogSink } from '../../../src/http/log-sink.js';

function memorySink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => void lines.push(line), flush: async () => {}, close: async () => {} };
}

describe('request log format', () => {
  it('formats the server time as Django (local time, English month)', () => {
    assert.equal(formatServerTime(new Date(2026, 10, 29, 18, 55, 39)), '29/Nov/2026 18:55:39');
    assert.equal(formatServerTime(new Date(2027, 0, 3, 4, 5, 6)), '03/Jan/2027 04:05:06');
  });

  it('writes the raw request line, status and body bytes; the time taken only when measured', () => {
    assert.equal(formatRequestLog('GET /path?q=1 HTTP/1.1', 200, 1234), '"GET /path?q=1 HTTP/1.1" 200 1234');
    assert.equal(formatRequestLog('', 414, '-'), '"" 414 -');
    assert.equal(formatRequestLog('GET / HTTP/1.1', 200, 5, 1.234), '"GET / HTTP/1.1" 200 5 (1.23 ms)');
  });

  it('colours each status class as ServerFormatter (dark palette)', () => {
    const cases: Array<[number, string]> = [
      [200, '\x1b[m'],
      [204, '\x1b[m'],
      [101, '\x1b[1m'],
      [304, '\x1b[36m'],
      [301, '\x1b[32m'],
      [302, '\x1b[32m'],
      [404, '\x1b[33m'],
      [400, '\x1b[31;1m'],
      [403, '\x1b[31;1m'],
      [500, '\x1b[35;1m'],
      [503, '\x1b[35;1m'],
    ];
    for (const [status, color] of cases) assert.equal(statusColor(status), color, String(status));
  });

  it('logs 5xx at ERROR, 4xx at WARNING and the rest at INFO', () => {
    assert.deepEqual([200, 302, 404, 500].map(statusLevel), [INFO, INFO, WARNING, ERROR]);
  });
});

describe('createLogger', () => {
  const at = new Date(2026, 10, 29, 18, 55, 39).getTime();

  it('prefixes the server time and wraps only the message in colour', () => {
    const sink = memorySink();
    const log = createLogger({ level: INFO, sink, timestamps: true, color: true, now: () => at });
    log.log(INFO, '"GET /ok/ HTTP/1.1" 200 5', 200);
    log.log(WARNING, '"GET /x HTTP/1.1" 404 9', 404);
    log.log(INFO, 'code 400, message Bad request syntax');
    assert.deepEqual(sink.lines, [
      '[29/Nov/2026 18:55:39] \x1b[m"GET /ok/ HTTP/1.1" 200 5\x1b[0m\n',
      '[29/Nov/2026 18:55:39] \x1b[33m"GET /x HTTP/1.1" 404 9\x1b[0m\n',
      '[29/Nov/2026 18:55:39] code 400, message Bad request syntax\n',
    ]);
  });

  it('is plain without colour and drops messages below its level', () => {
    const sink = memorySink();
    let now = at;
    const log = createLogger({ level: WARNING, sink, timestamps: true, now: () => now });
    log.log(INFO, '"GET / HTTP/1.1" 200 5', 200);
    now += 1000;
    log.log(ERROR, '"GET /boom HTTP/1.1" 500 3', 500);
    assert.deepEqual(sink.lines, ['[29/Nov/2026 18:55:40] "GET /boom HTTP/1.1" 500 3\n']);
  });

  it('writes bare messages when timestamps are off (request and reload loggers)', () => {
    const sink = memorySink();
    createLogger({ level: INFO, sink }).log(WARNING, 'Not Found: /x');
    assert.deepEqual(sink.lines, ['Not Found: /x\n']);
  });
});
