/**
 * Plans and runs migrations (Django's MigrationExecutor). Each migration runs in its own
 * transaction together with its row in managets_migrations, so a failure leaves nothing of it.
 */
import path from 'node:path';
import { CommandError, ERROR_CODES } from '../../errors.js';
import { firstUserFrame } from '../../conf/code-frame.js';
import type { Connection } from '../connection.js';
import type { MigrationGraph } from './graph.js';
import { keyOf, StatementError, type Migration } from './migration.js';
import type { MigrationRecorder } from './recorder.js';

/** `[app, name]` to migrate to; `name` null means before the app's first migration ("zero"). */
export type Target = readonly [app: string, name: string | null];

export interface PlanStep {
  readonly migration: Migration;
  readonly backwards: boolean;
}

/** What to run to reach `targets` from `applied` (Django's migration_plan). */
export function migrationPlan(graph: MigrationGraph, targets: readonly Target[], applied: ReadonlySet<string>): PlanStep[] {
  const plan: PlanStep[] = [];
  const state = new Set(applied);
  const unapply = (start: string) => {
    for (const key of graph.backwardsPlan(start)) {
      if (state.delete(key)) plan.push({ migration: graph.get(key), backwards: true });
    }
  };
  for (const [app, name] of targets) {
    if (name === null) {
      graph.rootNodes(app).filter((root) => state.has(root)).forEach(unapply);
    } else if (state.has(keyOf(app, name))) {
      // Roll back only what follows the target in its own app, not the target's dependencies.
      graph.appChildren(keyOf(app, name)).forEach(unapply);
    } else {
      for (const key of graph.forwardsPlan(keyOf(app, name))) {
        if (!state.has(key)) {
          state.add(key);
          plan.push({ migration: graph.get(key), backwards: false });
        }
      }
    }
  }
  return plan;
}

/** An applied migration whose dependency is not applied: the database and the files disagree. */
export function assertConsistentHistory(graph: MigrationGraph, applied: ReadonlySet<string>, alias: string): void {
  for (const key of applied) {
    if (!graph.has(key)) continue;
    const parent = graph.forwardsPlan(key).find((dependency) => dependency !== key && !applied.has(dependency));
    if (parent) {
      throw new CommandError(`Migration ${key} is applied before its dependency ${parent} on database '${alias}'.`, {
        code: ERROR_CODES.MIGRATION,
      });
    }
  }
}

export interface ProgressListener {
  start(step: PlanStep): void;
  success(step: PlanStep, elapsedMs: number): void;
  failure(step: PlanStep): void;
}

/** Runs the plan in order; stops at the first failure with a MigrationFailed. */
export async function executePlan(
  connection: Connection,
  recorder: MigrationRecorder,
  plan: readonly PlanStep[],
  progress: ProgressListener,
): Promise<void> {
  const irreversible = plan.filter((step) => step.backwards && !step.migration.reversible);
  if (irreversible.length > 0) {
    throw new CommandError(
      `Cannot unapply ${irreversible.map((s) => keyOf(s.migration.app, s.migration.name)).join(', ')}: ` +
        `not reversible (a .sql migration needs a '-- migrate:down' section, a .ts one a down(db) export). Nothing was unapplied.`,
      { code: ERROR_CODES.MIGRATION },
    );
  }
  recorder.ensureTable();
  for (const step of plan) {
    progress.start(step);
    const started = performance.now();
    try {
      await runStep(connection, recorder, step);
    } catch (error) {
      progress.failure(step);
      throw new MigrationFailed(step, error);
    }
    progress.success(step, performance.now() - started);
  }
}

/**
 * Foreign keys are off while a migration runs, so it can rebuild tables the way SQLite requires,
 * and checked before it commits (Django's schema editor does the same).
 */
async function runStep(connection: Connection, recorder: MigrationRecorder, { migration, backwards }: PlanStep): Promise<void> {
  connection.exec('PRAGMA foreign_keys = OFF');
  try {
    await connection.transaction(async () => {
      await (backwards ? migration.unapply(connection) : migration.apply(connection));
      const violation = connection.get<{ table: string; rowid: number; parent: string }>('PRAGMA foreign_key_check');
      if (violation) {
        throw new Error(
          `Foreign key check failed: row ${violation.rowid} of table ${violation.table} references a missing row of ${violation.parent}.`,
        );
      }
      if (backwards) recorder.recordUnapplied(migration.app, migration.name);
      else recorder.recordApplied(migration.app, migration.name);
    });
  } finally {
    connection.exec('PRAGMA foreign_keys = ON');
  }
}

/** A migration failed and was rolled back: names the file, the statement (SQL) or line (TS), and the error. */
export class MigrationFailed extends CommandError {
  constructor(step: PlanStep, error: unknown) {
    const { migration, backwards } = step;
    const lines = [
      `${backwards ? 'Unapplying' : 'Applying'} ${keyOf(migration.app, migration.name)} failed and was rolled back: ` +
        `nothing of it was ${backwards ? 'unapplied' : 'applied'}.`,
    ];
    const cause = error instanceof StatementError ? error.original : error;
    if (error instanceof StatementError) {
      lines.push(`  File: ${migration.file}, line ${error.statement.line}`);
      lines.push(`  Statement: ${error.statement.text.split('\n').join('\n             ')}`);
    } else {
      const frame = firstUserFrame(error, (file) => path.resolve(file) === migration.file);
      lines.push(`  File: ${migration.file}${frame ? `:${frame.line}:${frame.column}` : ''}`);
    }
    lines.push(`  Error: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
    super(lines.join('\n'), { code: ERROR_CODES.MIGRATION, cause: error });
  }
}
