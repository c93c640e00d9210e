/**
 * Requests the HTTP layer refuses before the app sees them (Django's BaseHTTPRequestHandler
 * send_error): which status and log message a parse error gets, and the small HTML page sent
 * back. Everything here is pure so every case can be tested without a socket.
 */
import { STATUS_CODES } from 'node:http';
import { pyRepr } from './pyrepr.js';

/** A refusal: what the client gets and what the request log says. */
export interface Refusal {
  status: number;
  /** The `code 400, message <this>` log line (Django's wording). */
  message: string;
  /** The request line as received, for the access line (`""` when unknown, as Django). */
  requestLine: string;
  /** The bytes were a TLS handshake: log the HTTPS notice instead of the access line. */
  tls: boolean;
}

/** Python's http.HTTPStatus descriptions, used in the page's "Error code explanation". */
const EXPLANATIONS: Readonly<Record<number, string>> = Object.freeze({
  400: 'Bad request syntax or unsupported method',
  408: 'Request timed out; try again later',
  413: 'Entity is too large',
  414: 'URI is too long',
  431: 'The server refused this request because the request header fields are too large',
  505: 'Cannot fulfill request',
});

const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/\d\.\d$/;

/** Longest request line shown in a log message: the rest of a garbage line is noise. */
const SHOWN_LINE = 200;

/** Maps a node/llhttp parse error (`clientError`) to Django's refusal. */
export function refusalFor(error: NodeJS.ErrnoException & { rawPacket?: Buffer; bytesParsed?: number }): Refusal {
  const raw = error.rawPacket;
  const line = raw ? requestLineAt(raw, error.bytesParsed ?? 0) : '';
  const tls = raw !== undefined && raw.length >= 2 && raw[0] === 0x16 && raw[1] === 0x03;
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      // The packet is wherever the head overflowed: its first line is rarely the request line.
      return { status: 431, message: 'Request Header Fields Too Large', requestLine: REQUEST_LINE.test(line) ? line : '', tls };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: 'Request Entity Too Large', requestLine: line, tls };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'Request Timeout', requestLine: line, tls };
    case 'HPE_INVALID_VERSION': {
      const version = line.slice(line.lastIndexOf(' ') + 1);
      return { status: 400, message: `Bad request version (${pyRepr(version)})`, requestLine: line, tls };
    }
    default:
      return { status: 400, message: `Bad request syntax (${pyRepr(line)})`, requestLine: line, tls };
  }
}

/** The request line of the request that failed: the first line after the last blank line before `at`. */
function requestLineAt(raw: Buffer, at: number): string {
  const text = raw.toString('latin1');
  const boundary = at > 0 ? text.lastIndexOf('\r\n\r\n', at - 1) : -1;
  const start = boundary === -1 ? 0 : boundary + 4;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  return line.length > SHOWN_LINE ? `${line.slice(0, SHOWN_LINE)}…` : line;
}

/** Python's html.escape(quote=False), as http.server applies it to the message. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Python's error page for a refusal (Django's dev server sends the same one). */
export function refusalPage(status: number, message: string): string {
  return (
    '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n' +
    '        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n' +
    `        <p>Error code: ${status}</p>\n        <p>Message: ${escapeHtml(message)}.</p>\n` +
    `        <p>Error code explanation: ${status} - ${EXPLANATIONS[status] ?? STATUS_CODES[status] ?? 'Error'}.</p>\n` +
    '    </body>\n</html>\n'
  );
}

/** Headers of a refusal: it always closes the connection. */
export function refusalHeaders(body: string): Record<string, string> {
  return { 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
}

/** A refusal as raw bytes, for a socket that never produced a request object. */
export function rawRefusal(status: number, message: string): string {
  const body = refusalPage(status, message);
  const head = Object.entries(refusalHeaders(body)).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n${body}`;
}
