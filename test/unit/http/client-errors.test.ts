import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawRefusal, refusalFor } from '../../../src/http/client-errors.js';

const parseError = (code: string, raw: string | Buffer, bytesParsed = 0) =>
  Object.assign(new Error('Parse Error'), { code, rawPacket: Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1'), bytesParsed });

describe('refusalFor', () => {
  it('answers bad syntax with 400 and Django message', () => {
    assert.deepEqual(refusalFor(parseError('HPE_INVALID_METHOD', 'GET\r\n\r\n', 3)), {
      status: 400,
      message: "Bad request syntax ('GET')",
      requestLine: 'GET',
      tls: false,
    });
  });

  it('names a bad version', () => {
    const refusal = refusalFor(parseError('HPE_INVALID_VERSION', 'GET /ok/ HTTP/x.y\r\n\r\n', 14));
    assert.equal(refusal.message, "Bad request version ('HTTP/x.y')");
    assert.equal(refusal.requestLine, 'GET /ok/ HTTP/x.y');
  });

  it('finds the failing request line after earlier pipelined requests', () => {
    const raw = 'GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nX-Bad\x01: y\r\n\r\n';
    const refusal = refusalFor(parseError('HPE_INVALID_HEADER_TOKEN', raw, raw.indexOf('\x01')));
    assert.equal(refusal.requestLine, 'GET /b HTTP/1.1');
  });

  it('maps overflow, timeouts and chunk extensions to 431, 408 and 413', () => {
    assert.equal(refusalFor(parseError('HPE_HEADER_OVERFLOW', 'aaaa')).status, 431);
    assert.equal(refusalFor(parseError('HPE_HEADER_OVERFLOW', 'aaaa')).requestLine, '');
    assert.equal(refusalFor(parseError('HPE_HEADER_OVERFLOW', 'GET / HTTP/1.1\r\nX: aaa')).requestLine, 'GET / HTTP/1.1');
    assert.equal(refusalFor(parseError('ERR_HTTP_REQUEST_TIMEOUT', '')).status, 408);
    assert.equal(refusalFor(parseError('HPE_CHUNK_EXTENSIONS_OVERFLOW', '')).status, 413);
  });

  it('recognises a TLS ClientHello', () => {
    const hello = Buffer.from('16030100a5010000a10303', 'hex');
    const refusal = refusalFor(parseError('HPE_INVALID_METHOD', hello));
    assert.equal(refusal.tls, true);
    assert.equal(refusal.message, "Bad request syntax ('\\x16\\x03\\x01\\x00¥\\x01\\x00\\x00¡\\x03\\x03')");
  });

  it('cuts garbage request lines in the log', () => {
    assert.ok(refusalFor(parseError('HPE_INVALID_METHOD', 'x'.repeat(5000))).requestLine.length <= 201);
  });
});

describe('rawRefusal', () => {
  it("is a complete HTTP response with Python's error page that closes the connection", () => {
    const response = rawRefusal(400, "Bad request syntax ('GET')");
    const [head, body] = response.split('\r\n\r\n');
    assert.match(head!, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(head!, /\r\nContent-Type: text\/html;charset=utf-8\r\n/);
    assert.match(head!, /\r\nConnection: close$/);
    assert.match(head!, new RegExp(`Content-Length: ${Buffer.byteLength(body!)}`));
    assert.match(body!, /<p>Message: Bad request syntax \('GET'\)\.<\/p>/);
    assert.match(body!, /<p>Error code explanation: 400 - Bad request syntax or unsupported method\.<\/p>/);
  });
});
