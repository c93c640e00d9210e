/**
 * Loggers for the dev server: levels, Django's `[29/Nov/2026 18:55:39] ` prefix and the
 * ServerFormatter colours of the request log. Formatting is cheap on purpose: the timestamp is
 * rebuilt once a second, and lines go to a batching LogSink.
 */
import type { LogSink } from './log-sink.js';

export const LOG_LEVELS = Object.freeze({ DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 });
export type LogLevelName = keyof typeof LOG_LEVELS;
export const { DEBUG, INFO, WARNING, ERROR, CRITICAL } = LOG_LEVELS;

export interface Logger {
  /** The lowest level written; callers may skip building a message below it. */
  readonly level: number;
  /** Writes `message` when `level` passes; `status` colours a request-log line. */
  log(level: number, message: string, status?: number): void;
}

export interface LoggerOptions {
  level: number;
  sink: LogSink;
  /** Prefix lines with the server time (the `server` logger does, as Django's django.server). */
  timestamps?: boolean;
  /** Colour lines that carry a status (only when the sink is a colour terminal). */
  color?: boolean;
  /** Clock, for tests. */
  now?: () => number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `29/Nov/2026 18:55:39`, local time (Django's log_date_time_string). */
export function formatServerTime(date: Date): string {
  return `${pad(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()} ${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}:${pad(date.getSeconds())}`;
}

/** The SGR sequence Django's ServerFormatter (dark palette) opens a request line with. */
export function statusColor(status: number): string {
  if (status >= 200 && status < 300) return '\x1b[m';
  if (status >= 100 && status < 200) return '\x1b[1m';
  if (status === 304) return '\x1b[36m';
  if (status >= 300 && status < 400) return '\x1b[32m';
  if (status === 404) return '\x1b[33m';
  if (status >= 400 && status < 500) return '\x1b[31;1m';
  return '\x1b[35;1m';
}

/** The level of a request-log line: 5xx ERROR, 4xx WARNING, anything else INFO. */
export function statusLevel(status: number): number {
  return status >= 500 ? ERROR : status >= 400 ? WARNING : INFO;
}

/** `"GET /x?q=1 HTTP/1.1" 200 1234`, plus the time taken when `ms` is given (`-v 2`). */
export function formatRequestLog(requestLine: string, status: number, bytes: number | '-', ms?: number): string {
  const line = `"${requestLine}" ${status} ${bytes}`;
  return ms === undefined ? line : `${line} (${ms.toFixed(2)} ms)`;
}

export const HTTPS_NOTICE = "You're accessing the development server over HTTPS, but it only supports HTTP.";

export function createLogger(options: LoggerOptions): Logger {
  const { level, sink, timestamps = false, color = false, now = Date.now } = options;
  let second = -1;
  let prefix = '';
  return {
    level,
    log(messageLevel, message, status) {
      if (messageLevel < level) return;
      const text = color && status !== undefined ? `${statusColor(status)}${message}\x1b[0m` : message;
      if (!timestamps) return sink.write(`${text}\n`);
      const ms = now();
      if (Math.floor(ms / 1000) !== second) {
        second = Math.floor(ms / 1000);
        prefix = `[${formatServerTime(new Date(ms))}] `;
      }
      sink.write(`${prefix}${text}\n`);
    },
  };
}
