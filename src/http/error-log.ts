/**
 * Django's `django.request` / `django.security` loggers as the dev server shows them: plain lines
 * on stderr (`Not Found: /x`, `Internal Server Error: /boom` + stack), printed only with DEBUG.
 * Each response is logged at most once (Django's `_has_been_logged`).
 */
import type { HttpResponse } from './response.js';

export type LogSink = (line: string) => void;

export class ErrorLog {
  readonly #sink: LogSink | null;
  readonly #logged = new WeakSet<HttpResponse>();

  /** A null sink disables logging (DEBUG off). */
  constructor(sink: LogSink | null) {
    this.#sink = sink;
  }

  get enabled(): boolean {
    return this.#sink !== null;
  }

  /** `message` (with `path` escaped as Django does) and the error's stack, once per response. */
  response(message: string, path: string, response: HttpResponse, error?: unknown): void {
    if (!this.#sink || this.#logged.has(response)) return;
    this.#logged.add(response);
    this.#sink(`${message}: ${unicodeEscape(path)}${error === undefined ? '' : `\n${describeError(error)}`}`);
  }

  /** A message that belongs to no response (the security logger). */
  message(text: string): void {
    this.#sink?.(text);
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
