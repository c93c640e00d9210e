/**
 * What every answer to hostile input must satisfy, checked on the raw bytes: a well-formed
 * HTTP/1.x response (or a close), an allowed status, no unescaped reflected marker in HTML, no
 * injected header, and with DEBUG off nothing that leaks internals (traces, project paths,
 * secrets).
 */
import { parseResponses, type Exchange } from '../helpers/raw-http.js';
import { MARK } from './fuzz-cases.js';

export interface Expectation {
  /** The first response's status is legitimate. */
  allow(status: number): boolean;
  /** The first response answers a HEAD request. */
  head?: boolean;
  /** The request was well-formed: a close without an answer is a failure. */
  answer?: boolean;
  /** DEBUG off: tracebacks and project paths are leaks. */
  production: boolean;
  /** Texts that must never appear in any answer (secret file content, SECRET_KEY...). */
  secrets: readonly string[];
  /** Folders whose absolute paths must not appear with DEBUG off. */
  paths: readonly string[];
}

/**
 * Django's one deliberate 500: with DEBUG, APPEND_SLASH refuses to redirect a POST/PUT/PATCH to
 * the slash URL (it would lose the body) and raises RuntimeError; a mutated request can hit it.
 */
function deliberateServerError(status: number, text: string, expect: Expectation): boolean {
  return status === 500 && !expect.production && text.includes("but the URL doesn&#x27;t end in a slash and you have APPEND_SLASH set");
}

/** The problems with one exchange (empty when it is fine). */
export function violations(exchange: Exchange, expect: Expectation): string[] {
  const found: string[] = [];
  if (exchange.error) found.push(`socket error ${exchange.error}`);
  if (exchange.hung) found.push('no answer and no close before the deadline');
  const { responses, rest } = parseResponses(exchange.bytes, expect.head ? new Set([0]) : new Set());
  if (rest.length > 0) found.push(`malformed response bytes: ${JSON.stringify(rest.subarray(0, 120).toString('latin1'))}`);
  if (expect.answer && responses.length === 0 && !exchange.hung) found.push('closed without an answer');
  responses.forEach((response, i) => {
    const text = response.body.toString('latin1');
    const allowed = (i === 0 ? expect.allow(response.status) : response.status !== 500) || deliberateServerError(response.status, text, expect);
    if (!allowed) found.push(`unexpected status ${response.status} (response ${i + 1})`);
    const everything = JSON.stringify(response.headers) + text;
    if ('x-injected' in response.headers) found.push('a header was injected');
    if (/html/.test(response.headers['content-type'] ?? '') && text.includes(MARK)) found.push(`unescaped ${MARK} in an HTML answer (${response.status})`);
    for (const secret of expect.secrets) if (everything.includes(secret)) found.push(`leaked a secret (${secret.slice(0, 12)}…) in a ${response.status}`);
    if (expect.production) {
      if (text.includes('    at ')) found.push(`stack trace in a ${response.status} with DEBUG off`);
      for (const dir of expect.paths) if (everything.includes(dir)) found.push(`project path in a ${response.status} with DEBUG off`);
    }
  });
  return found;
}
