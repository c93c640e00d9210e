/**
 * Splits an SQL script into statements, so a failing migration can name the statement that
 * failed. Aware of quotes, comments, and trigger bodies (`BEGIN ... END;`), which contain `;`.
 */

export interface SqlStatement {
  text: string;
  /** 1-based line of the statement's first character in the script. */
  line: number;
}

export class SqlSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`${message} (line ${line})`);
    this.name = 'SqlSyntaxError';
  }
}

const CLOSERS: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };

export function splitStatements(script: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let line = 1;
  /** Where the current statement's first token is (comments before it are not part of it). */
  let start: { index: number; line: number } | undefined;
  /** Open CASE/trigger BEGIN blocks; `;` only ends a statement outside them. */
  let depth = 0;
  let words: string[] = [];
  const flush = (end: number) => {
    if (start) statements.push({ text: script.slice(start.index, end).trim(), line: start.line });
    start = undefined;
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const char = script[i]!;
    if (char === '\n') line++;
    const comment = (char === '-' && script[i + 1] === '-') || (char === '/' && script[i + 1] === '*');
    if (!start && !comment && char !== ';' && !/\s/.test(char)) start = { index: i, line };
    if (CLOSERS[char]) {
      const close = script.indexOf(CLOSERS[char]!, i + 1);
      if (close < 0) throw new SqlSyntaxError(`Unterminated ${char === '[' ? 'identifier' : 'quoted string'} ${char}`, line);
      line += countLines(script.slice(i + 1, close));
      i = close;
    } else if (char === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = (end < 0 ? script.length : end) - 1;
    } else if (char === '/' && script[i + 1] === '*') {
      const close = script.indexOf('*/', i + 2);
      if (close < 0) throw new SqlSyntaxError('Unterminated /* comment', line);
      line += countLines(script.slice(i, close));
      i = close + 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_][\w$]*/.exec(script.slice(i, i + 64))![0].toUpperCase();
      i += word.length - 1;
      words.push(word);
      if (word === 'CASE' || (word === 'BEGIN' && isTrigger(words))) depth++;
      else if (word === 'END' && depth > 0) depth--;
    } else if (char === ';' && depth === 0) {
      flush(i);
    }
  }
  if (depth > 0) throw new SqlSyntaxError('Unterminated BEGIN ... END block', start?.line ?? line);
  flush(script.length);
  return statements;
}

/** CREATE [TEMP|TEMPORARY] TRIGGER ...: the only statement whose BEGIN opens a block. */
function isTrigger(words: string[]): boolean {
  return words[0] === 'CREATE' && (words[1] === 'TRIGGER' || words[2] === 'TRIGGER');
}

function countLines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}

