/**
 * The traceback of a thrown value as the debug pages show it: V8 stack frames (source-mapped to
 * .ts lines by tsx), each with the source lines around it, user frames told apart from library
 * and runtime ones, and the `cause` chain oldest first as Python prints chained exceptions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SourceContext {
  /** Line number of the first entry of `lines`. */
  start: number;
  lines: string[];
}

export interface Frame {
  id: number;
  fn: string;
  /** Absolute path, `node:…` specifier, or `<anonymous>`/`native` when V8 has no location. */
  file: string;
  line: number | undefined;
  column: number | undefined;
  kind: 'user' | 'library' | 'runtime';
  context: SourceContext | undefined;
}

export interface ExceptionInfo {
  type: string;
  message: string;
  /** Frames outermost first, the frame that threw last (Python's order). */
  frames: Frame[];
}

const FRAME_LINE = /^\s*at (?:(.*?) \((.*)\)|(.*))$/;
const LOCATION = /^(.*):(\d+):(\d+)$/;
const CONTEXT_LINES = 5;

export function exceptionType(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor?.name || 'Error';
  return 'Non-Error thrown value';
}

export function exceptionMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** The thrown value and its causes, oldest cause first; each frame numbered across the chain. */
export function traceback(error: unknown, isUserFile: (file: string) => boolean): ExceptionInfo[] {
  const chain: unknown[] = [];
  for (let current: unknown = error; current !== undefined && chain.length < 10 && !chain.includes(current); ) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  const sources = new Map<string, string[] | null>();
  let id = 0;
  return chain.reverse().map((item) => ({
    type: exceptionType(item),
    message: exceptionMessage(item),
    frames: parseStack(item)
      .reverse()
      .map((frame) => ({ ...frame, id: id++, kind: classify(frame.file, isUserFile), context: sourceContext(frame, sources) })),
  }));
}

/** Frames of `error.stack`, innermost first as V8 prints them. */
export function parseStack(error: unknown): Array<Omit<Frame, 'id' | 'context' | 'kind'>> {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const frames: Array<Omit<Frame, 'id' | 'context' | 'kind'>> = [];
  for (const text of stack.split('\n')) {
    const match = FRAME_LINE.exec(text);
    if (!match) continue;
    const fn = match[1] ?? '<module>';
    const location = match[2] ?? match[3]!;
    const at = LOCATION.exec(location);
    if (!at) {
      frames.push({ fn, file: location, line: undefined, column: undefined });
      continue;
    }
    const file = at[1]!.startsWith('file://') ? safeFilePath(at[1]!) : at[1]!;
    frames.push({ fn, file, line: Number(at[2]), column: Number(at[3]) });
  }
  return frames;
}

function safeFilePath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

function classify(file: string, isUserFile: (file: string) => boolean): Frame['kind'] {
  if (isUserFile(file)) return 'user';
  return file.startsWith('/') || /^[A-Za-z]:\\/.test(file) ? 'library' : 'runtime';
}

function sourceContext(frame: { file: string; line: number | undefined }, sources: Map<string, string[] | null>): SourceContext | undefined {
  if (frame.line === undefined) return undefined;
  if (!sources.has(frame.file)) sources.set(frame.file, readLines(frame.file));
  const lines = sources.get(frame.file);
  if (!lines || frame.line > lines.length) return undefined;
  const start = Math.max(1, frame.line - CONTEXT_LINES);
  const shown = lines.slice(start - 1, Math.min(lines.length, frame.line + CONTEXT_LINES));
  // Minified bundles have huge lines; a few hundred characters are enough to recognise one.
  return { start, lines: shown.map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)) };
}

function readLines(file: string): string[] | null {
  if (!file.startsWith('/') && !/^[A-Za-z]:\\/.test(file)) return null;
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return null;
  }
}

/** The line that threw, when the frame's source could be read. */
export function contextLine(frame: Frame): string | undefined {
  if (!frame.context || frame.line === undefined) return undefined;
  return frame.context.lines[frame.line - frame.context.start];
}

/** Django's "Exception Location": the innermost frame that has a file and line. */
export function exceptionLocation(info: ExceptionInfo): Frame | undefined {
  return [...info.frames].reverse().find((frame) => frame.line !== undefined);
}

/** Python's "Traceback (most recent call last):" block, causes first. */
export function tracebackText(exceptions: ExceptionInfo[]): string {
  const parts = exceptions.map((info, index) => {
    const cause = index > 0 ? `\nThe above exception (${exceptions[index - 1]!.message}) was the direct cause of the following exception:\n\n` : '';
    const frames = info.frames.map((frame) => {
      const where = frame.line === undefined ? `File "${frame.file}"` : `File "${frame.file}", line ${frame.line}`;
      const code = contextLine(frame)?.trim();
      return `  ${where}, in ${frame.fn}\n${code ? `    ${code}\n` : ''}`;
    });
    return cause + frames.join('');
  });
  return `Traceback (most recent call last):\n${parts.join('')}`;
}
