/**
 * A migration as the executor sees it, whatever file it came from: its identity, its explicit
 * dependencies, and how to apply and unapply it on a connection.
 */
import type { Connection } from '../connection.js';
import type { SqlStatement } from '../sql.js';
import type { MigrationFile } from './files.js';

/** `[app label, migration name]`, as written in a migration's `dependencies`. */
export type MigrationKey = readonly [app: string, name: string];

export interface Migration extends MigrationFile {
  /** Dependencies the file declares; the graph adds the previous migration of the same app. */
  readonly dependencies: readonly MigrationKey[];
  readonly reversible: boolean;
  apply(connection: Connection): Promise<void>;
  unapply(connection: Connection): Promise<void>;
  /** One line for `migrate --plan` (Django's describe_operation). */
  describe(backwards: boolean): { text: string; irreversible: boolean };
}

/** What a `.ts` migration module exports. */
export interface MigrationModule {
  up(db: Connection): void | Promise<void>;
  down?(db: Connection): void | Promise<void>;
  dependencies?: MigrationKey[];
}

export const keyOf = (app: string, name: string): string => `${app}.${name}`;

/** A statement of a `.sql` migration failed: the executor names the file, line and statement. */
export class StatementError extends Error {
  constructor(readonly statement: SqlStatement, readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original), { cause: original });
    this.name = 'StatementError';
  }
}

export function sqlMigration(
  file: MigrationFile,
  parsed: { dependencies: MigrationKey[]; up: SqlStatement[]; down: SqlStatement[] | undefined },
): Migration {
  const run = (statements: SqlStatement[], connection: Connection) => {
    for (const statement of statements) {
      try {
        connection.exec(statement.text);
      } catch (error) {
        throw new StatementError(statement, error);
      }
    }
  };
  return {
    ...file,
    dependencies: parsed.dependencies,
    reversible: parsed.down !== undefined,
    apply: async (connection) => run(parsed.up, connection),
    unapply: async (connection) => run(parsed.down ?? irreversible(file), connection),
    describe: (backwards) => {
      const statements = backwards ? parsed.down : parsed.up;
      if (!statements) return { text: 'Raw SQL operation -> IRREVERSIBLE', irreversible: true };
      const sql = statements.map((s) => `${s.text};`).join('').replace(/\n/g, '');
      return { text: `Raw SQL operation${sql ? truncate(` -> ${sql}`, 40) : ''}`, irreversible: false };
    },
  };
}

export function moduleMigration(file: MigrationFile, module: MigrationModule): Migration {
  return {
    ...file,
    dependencies: module.dependencies ?? [],
    reversible: typeof module.down === 'function',
    apply: async (connection) => module.up(connection),
    unapply: async (connection) => (module.down ?? irreversible(file))(connection),
    describe: (backwards) =>
      backwards && !module.down
        ? { text: 'Raw TypeScript operation -> IRREVERSIBLE', irreversible: true }
        : { text: 'Raw TypeScript operation', irreversible: false },
  };
}

function irreversible(file: MigrationFile): never {
  throw new IrreversibleError(file);
}

export class IrreversibleError extends Error {
  constructor(readonly migration: MigrationFile) {
    super(
      `Migration ${keyOf(migration.app, migration.name)} is not reversible: ${
        migration.kind === 'sql' ? "its file has no '-- migrate:down' section" : 'its module exports no down(db)'
      }.`,
    );
    this.name = 'IrreversibleError';
  }
}

/** Django's Truncator.chars: at most `length` characters, the last one an ellipsis. */
function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
