/**
 * Django's `django.request` / `django.security` loggers as the dev server shows them: plain lines
 * on stderr (`Not Found: /x`, `Internal Server Error: /boom` + stack), printed only with DEBUG.
 * Each response is logged at most once (Django's `_has_been_logged`).
 */
import { ERROR, WARNING, type Logger } from './log.js';
import type { HttpResponse } from './response.js';

/** Plain lines on stderr, Django's console handler (what createApp uses with DEBUG by default). */
export const stderrLogger: Logger = { level: WARNING, log: (_level, message) => void process.stderr.write(`${message}\n`) };

export class ErrorLog {
  readonly #logger: Logger | null;
  readonly #logged = new WeakSet<HttpResponse>();

  /** A null logger disables logging. */
  constructor(logger: Logger | null) {
    this.#logger = logger;
  }

  /** `message: path` (path escaped as Django does) and the error's stack, once per response; 5xx at ERROR. */
  response(message: string, path: string, response: HttpResponse, error?: unknown): void {
    const level = response.status >= 500 ? ERROR : WARNING;
    if (!this.#logger || level < this.#logger.level || this.#logged.has(response)) return;
    this.#logged.add(response);
    this.#logger.log(level, `${message}: ${unicodeEscape(path)}${error === undefined ? '' : `\n${describeError(error)}`}`);
  }

  /** A message that belongs to no response (the security logger, at ERROR). */
  message(text: string): void {
    if (this.#logger && ERROR >= this.#logger.level) this.#logger.log(ERROR, text);
  }
}

/** The stack of an Error, or a readable line for anything else that was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `Non-error thrown: ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`;
}

/** Python's unicode_escape, which Django applies to logged paths so control bytes can't forge lines. */
export function unicodeEscape(text: string): string {
  return text.replace(/[^\x20-\x7e]|\\/gu, (char) => {
    if (char === '\\') return '\\\\';
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    const code = char.codePointAt(0)!;
    if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
    return code < 0x10000 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
  });
}
