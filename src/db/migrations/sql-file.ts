/**
 * Parses a `.sql` migration: optional `-- migrate:depends app.name` header lines, the statements
 * to apply, and after a `-- migrate:down` line the statements that undo them.
 *
 *   -- migrate:depends auth.0001_initial
 *   CREATE TABLE blog_post (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES auth_user (id));
 *   -- migrate:down
 *   DROP TABLE blog_post;
 */
import { splitStatements, type SqlStatement } from '../sql.js';

export interface ParsedSqlMigration {
  dependencies: Array<[string, string]>;
  up: SqlStatement[];
  /** Undefined when the file has no `-- migrate:down` section (irreversible). */
  down: SqlStatement[] | undefined;
}

const DIRECTIVE = /^--\s*migrate:(\w+)(.*)$/;

export function parseSqlMigration(text: string): ParsedSqlMigration {
  const dependencies: Array<[string, string]> = [];
  const lines = text.split('\n');
  let downLine: number | undefined;
  lines.forEach((raw, index) => {
    const match = DIRECTIVE.exec(raw.trim());
    if (!match) return;
    const [, directive, rest] = match;
    if (directive === 'depends') {
      for (const reference of rest!.trim().split(/[\s,]+/).filter(Boolean)) dependencies.push(parseReference(reference, index + 1));
    } else if (directive === 'down') {
      if (downLine !== undefined) throw new SyntaxError(`line ${index + 1}: a second '-- migrate:down' line`);
      downLine = index;
    } else if (directive !== 'up') {
      throw new SyntaxError(`line ${index + 1}: unknown directive '-- migrate:${directive}' (expected up, down or depends)`);
    }
  });
  const upText = downLine === undefined ? text : lines.slice(0, downLine).join('\n');
  // Padding keeps line numbers in the down section relative to the whole file.
  const downText = downLine === undefined ? undefined : '\n'.repeat(downLine + 1) + lines.slice(downLine + 1).join('\n');
  return { dependencies, up: splitStatements(upText), down: downText === undefined ? undefined : splitStatements(downText) };
}

function parseReference(reference: string, line: number): [string, string] {
  const match = /^(\w+)\.(\w+)$/.exec(reference);
  if (!match) throw new SyntaxError(`line ${line}: '${reference}' is not a migration reference like auth.0001_initial`);
  return [match[1]!, match[2]!];
}
