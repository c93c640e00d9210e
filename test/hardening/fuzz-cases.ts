/**
 * Hostile requests for the fuzzer, one family per function. Each case is raw bytes (sent as is)
 * plus what counts as a legitimate answer. `MARK` is planted wherever input may be reflected: an
 * HTML answer must never carry it unescaped.
 */
import { hostilePaths } from '../helpers/hostile-paths.js';
import type { Prng } from '../helpers/prng.js';

export const MARK = '<zq>';
const ENC_MARK = '%3Czq%3E';
/** A request path the server must never treat as a request of its own (smuggling probes). */
export const SMUGGLED = '/smuggled-zq';

export interface FuzzCase {
  readonly family: string;
  readonly chunks: Buffer[];
  /** Statuses that are a legitimate answer (default: anything but a 500). */
  readonly allow?: (status: number) => boolean;
  /** The first response answers a HEAD request (no body follows its head). */
  readonly head?: boolean;
  /** A well-formed request: closing without any answer is a failure too. */
  readonly answer?: boolean;
  /** Sent with a pause between chunks. */
  readonly gapMs?: number;
}

const CRLF = '\r\n';
const HOST = 'Host: 127.0.0.1';
const PAGES = ['/', '/json/', '/form/', '/echo/?q=x', '/static/css/site.css', '/media/uploads/avatar.txt', '/nope/', '/go/a/'];
const BODYFUL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const request = (line: string, headers: string[] = [HOST], body = '') => latin1(`${line}${CRLF}${headers.map((h) => h + CRLF).join('')}${CRLF}${body}`);
const notServerError = (status: number) => status !== 500;

type Family = (rng: Prng) => FuzzCase;

const randomBytes: Family = (rng) => ({ family: 'random bytes', chunks: [rng.bytes(rng.between(1, 3000))] });

/** A valid request with random bytes overwritten or inserted. */
const mutated: Family = (rng) => {
  const bytes = Buffer.from(request(`${rng.pick(BODYFUL_METHODS)} ${rng.pick(PAGES)} HTTP/1.1`, [HOST, 'Accept: */*', 'Cookie: a=b']));
  for (let n = rng.between(1, 6); n > 0; n--) bytes[rng.int(bytes.length)] = rng.int(256);
  return { family: 'mutated request', chunks: [bytes] };
};

const truncated: Family = (rng) => {
  const full = request(`GET ${rng.pick(PAGES)} HTTP/1.1`, [HOST, 'Accept: text/html']);
  return { family: 'truncated request', chunks: [full.subarray(0, rng.between(1, full.length - 1))] };
};

const oversizedLine: Family = (rng) => {
  const length = rng.pick([65_000, 66_000, 79_000, 90_000, 200_000]);
  return { family: 'oversized request line', chunks: [request(`GET /${'a'.repeat(length)} HTTP/1.1`)], allow: (s) => s === 414 || s === 431 || s === 404 };
};

const badMethod: Family = (rng) => {
  const method = rng.pick(['get', 'G ET', 'GET\0', 'FOO', 'CONNECT', 'TRACE', 'PRI', 'GETT', '', '<zq>', 'GET\tX', 'M'.repeat(5000), 'ÿÿ']);
  return { family: 'invalid method', chunks: [request(`${method} / HTTP/1.1`)] };
};

const badVersion: Family = (rng) => {
  const version = rng.pick(['HTTP/2.0', 'HTTP/1.2', 'HTTP/9.9', 'HTTP/1', 'HTTP/1.1.1', 'HTTP/0.9', 'http/1.1', 'HTTPS/1.1', 'HTTP/1.1 x', 'HTTP/<zq>', 'HTTP/11']);
  return { family: 'invalid version', chunks: [request(`GET / ${version}`)] };
};

const headerInjection: Family = (rng) => {
  const value = rng.pick(['a\rb', 'a\nInjected: 1', 'a\r\nX-Injected: 1', 'a\0b', `x${MARK}\r`]);
  const name = rng.pick(['X-Test', 'X Test', 'X-Test ', ' X-Test', 'X:Test', 'X-Tést', '']);
  return { family: 'header injection', chunks: [request(`GET ${rng.pick(PAGES)} HTTP/1.1`, [HOST, `${name}: ${value}`])] };
};

/** Reflected into a Location header by redirect(): CR/LF must never become a header. */
const locationInjection: Family = (rng) => {
  const payload = rng.pick(['%0d%0aX-Injected:%20yes', '%0aX-Injected:yes', '%0dX-Injected:yes', '%E5%98%8A%E5%98%8DX-Injected:yes']);
  return { family: 'location injection', chunks: [request(`GET /${rng.pick(['go', 'root'])}/${payload}/ HTTP/1.1`)], answer: true };
};

/** Framings a proxy and the server could read differently (request smuggling). */
const smuggling: Family = (rng) => {
  const tail = `GET ${SMUGGLED} HTTP/1.1${CRLF}${HOST}${CRLF}${CRLF}`;
  const headers = rng.pick([
    ['Content-Length: 5', 'Transfer-Encoding: chunked'],
    ['Transfer-Encoding: chunked', 'Content-Length: 5'],
    ['Content-Length: 5', 'Content-Length: 6'],
    ['Content-Length: 5, 6'],
    ['Content-Length: +5'],
    ['Content-Length: -1'],
    ['Content-Length: 0x5'],
    ['Content-Length: 99999999999999999999'],
    ['Transfer-Encoding: chunked, identity'],
    ['Transfer-Encoding: xchunked'],
    ['Transfer-Encoding : chunked'],
    ['Transfer-Encoding: chunked', 'Transfer-Encoding: identity'],
    [' Transfer-Encoding: chunked'],
    ['Transfer-Encoding: chunked\r'],
  ]);
  const body = rng.pick(['0\r\n\r\n' + tail, 'zz\r\n', '5\r\nhello\r\n0\r\n\r\n' + tail, '1;' + 'x'.repeat(20_000) + '\r\na\r\n0\r\n\r\n', tail]);
  return { family: 'smuggling shape', chunks: [request('POST /form/ HTTP/1.1', [HOST, ...headers], body)] };
};

const hugeHeaders: Family = (rng) => {
  const headers = rng.chance(0.5)
    ? [HOST, `X-Big: ${'b'.repeat(rng.pick([70_000, 90_000, 500_000]))}`]
    : [HOST, ...Array.from({ length: rng.pick([500, 2500, 10_000]) }, (_, i) => `X-H${i}: ${i}`)];
  return { family: 'huge headers', chunks: [request('GET / HTTP/1.1', headers)], allow: (s) => s === 200 || s === 431 || s === 400 };
};

/** A body longer than Content-Length: the rest is read as the next request. */
const overlongBody: Family = (rng) => {
  const declared = rng.between(0, 20);
  const body = 'text=' + MARK + 'x'.repeat(rng.between(declared, 5000));
  return { family: 'body over declared length', chunks: [request('POST /form/ HTTP/1.1', [HOST, `Content-Length: ${declared}`, 'Content-Type: application/x-www-form-urlencoded'], body)] };
};

/** Declares a big body and sends little of it, or a huge one (the limits must hold). */
const bigBody: Family = (rng) => {
  const declared = rng.pick([3_000_000, 10 ** 12, 100_000]);
  const sent = rng.pick([0, 1000, 200_000]);
  const expect = rng.chance(0.3) ? ['Expect: 100-continue'] : [];
  return {
    family: 'big body',
    chunks: [request('POST /json/ HTTP/1.1', [HOST, `Content-Length: ${declared}`, 'Content-Type: application/json', ...expect], 'x'.repeat(sent))],
  };
};

const badEncoding: Family = (rng) => {
  const pieces = ['%ff', '%fe%ff', '%c0%af', '%e0%80%ae', '%', '%z', '%zz', '%%', '%2', '%00', '%u0041', '%ed%a0%80', '%f4%90%80%80', '%c3', ENC_MARK, '\x80', 'é', '+', '%2B', '%0d%0a'];
  const part = () => Array.from({ length: rng.between(1, 4) }, () => rng.pick(pieces)).join('');
  const base = rng.pick(['/echo/?q=', '/json/?q=', '/', '/static/', '/media/', '/go/', '/echo/?', '/form/?a=1&']);
  const target = base.includes('?') ? `${base}${part()}&${part()}=${part()}` : `${base}${part()}/${part()}`;
  // Django decodes any query (bad escapes kept or replaced): 200. llhttp refuses raw non-ASCII bytes.
  const queryOnly = base.includes('?');
  const raw = /[^\x00-\x7f]/.test(target);
  return { family: 'bad encoding', chunks: [request(`GET ${target} HTTP/1.1`)], answer: true, allow: queryOnly ? (s) => s === 200 || (raw && s === 400) : notServerError };
};

const hostileHost: Family = (rng) => {
  const host = rng.pick([
    'evil.com', '127.0.0.1:80@evil.com', MARK, '', 'localhost.', '127.0.0.1:99999', '[::1', '[::1]:80', 'localhost:abc',
    'x'.repeat(10_000), '127.0.0.1\ttab', 'evil.com#127.0.0.1', 'evil.com/127.0.0.1', `${MARK}.example`, '127.0.0.1, evil.com', 'LOCALHOST',
  ]);
  const headers = rng.chance(0.2) ? [HOST, `Host: ${host}`] : [`Host: ${host}`];
  const forwarded = rng.chance(0.3) ? [`X-Forwarded-Host: ${MARK}evil.com`] : [];
  return { family: 'hostile host', chunks: [request(`GET ${rng.pick(PAGES)} HTTP/1.1`, [...headers, ...forwarded])] };
};

const TRAVERSALS = [...hostilePaths('/static/'), ...hostilePaths('/media/'), '/media/../secret.txt', '/media/uploads/../../secret.txt', '/static/../public/secret.txt', '/media/%2e%2e/%2e%2e/site/settings.ts'];
const traversal: Family = (rng) => {
  const method = rng.pick(['GET', 'HEAD']);
  return {
    family: 'path traversal',
    chunks: [request(`${method} ${rng.pick(TRAVERSALS)} HTTP/1.1`)],
    head: method === 'HEAD',
    answer: true,
    allow: (s) => s === 400 || s === 404 || s === 301 || s === 302,
  };
};

/** Several requests in one packet, the last one possibly broken. */
const pipelined: Family = (rng) => {
  const good = Array.from({ length: rng.between(2, 8) }, () => request(`GET ${rng.pick(PAGES)} HTTP/1.1`));
  if (rng.chance(0.5)) good.push(rng.bytes(rng.between(1, 200)));
  return { family: 'pipelined', chunks: [Buffer.concat(good)] };
};

/** A well-formed request split into tiny packets: the parser must reassemble it. */
const trickled: Family = (rng) => {
  const whole = request(`GET ${rng.pick(PAGES)} HTTP/1.1`, [HOST, 'Accept: text/html', `X-Pad: ${'p'.repeat(rng.between(0, 100))}`]);
  const chunks: Buffer[] = [];
  for (let at = 0; at < whole.length; ) {
    const size = rng.between(1, 12);
    chunks.push(whole.subarray(at, at + size));
    at += size;
  }
  return { family: 'trickled request', chunks, gapMs: 2, answer: true };
};

const tlsHello: Family = (rng) => ({ family: 'TLS handshake', chunks: [Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]), rng.bytes(rng.between(50, 500))])] });

/** Ordinary requests, so the fuzz batches also exercise the happy paths in between. */
const legit: Family = (rng) => {
  const page = rng.pick(PAGES);
  const method = rng.pick(['GET', 'GET', 'HEAD']);
  return { family: 'legit', chunks: [request(`${method} ${page} HTTP/1.1`, [HOST, 'Connection: close'])], head: method === 'HEAD', answer: true, allow: (s) => s < 500 };
};

const FAMILIES: readonly Family[] = [
  randomBytes, mutated, truncated, oversizedLine, badMethod, badVersion, headerInjection, locationInjection,
  smuggling, hugeHeaders, overlongBody, bigBody, badEncoding, hostileHost, traversal, traversal, pipelined, trickled, tlsHello, legit,
];

export function fuzzCase(rng: Prng): FuzzCase {
  const made = rng.pick(FAMILIES)(rng);
  return { allow: notServerError, ...made };
}
