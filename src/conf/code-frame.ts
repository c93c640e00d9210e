/**
 * Where a user's TypeScript went wrong: `file:line:column` and a code frame, pulled from an
 * esbuild transform error or a source-mapped stack. Used by the CLI and the debug pages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

const TRANSFORM_LOCATION = /^(\/[^\n]*?|[A-Za-z]:\\[^\n]*?):(\d+):(\d+): ERROR: (.*)$/m;
const STACK_FRAME = /\(?((?:file:\/\/)?\/[^():\s]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?$/;

/** A syntax error found while tsx/esbuild transformed a file: its location and message. */
export function parseTransformError(error: unknown): (SourceLocation & { message: string }) | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const match = TRANSFORM_LOCATION.exec(text);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]), message: match[4]! };
}

/** The first stack frame that lies in one of the user's files (not node_modules, not node:). */
export function firstUserFrame(error: unknown, isUserFile: (file: string) => boolean): SourceLocation | undefined {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  for (const line of stack.split('\n').slice(1)) {
    const match = STACK_FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (isUserFile(file)) return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/** Lines around `line` with a `>` marker and a caret under `column`; '' when unreadable. */
export function codeFrame(location: SourceLocation, context = 2): string {
  let source: string;
  try {
    source = readFileSync(location.file, 'utf8');
  } catch {
    return '';
  }
  return formatCodeFrame(source, location, context);
}

/** `codeFrame` over source text already in memory (templates keep the text they compiled). */
export function formatCodeFrame(source: string, location: Omit<SourceLocation, 'file'>, context = 2): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, location.line - context);
  const last = Math.min(lines.length, location.line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === location.line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === location.line && location.column > 0) {
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(location.column - 1)}^`);
    }
  }
  return out.join('\n');
}
