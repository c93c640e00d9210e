/**
 * The `managets_migrations` table: which migrations are applied (app, name, applied time).
 * Reading never creates the table, so showmigrations and runserver's notice leave the file alone.
 */
import type { Connection } from '../connection.js';
import { keyOf } from './migration.js';

export const MIGRATIONS_TABLE = 'managets_migrations';

export class MigrationRecorder {
  readonly #connection: Connection;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  hasTable(): boolean {
    return this.#connection.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]) !== undefined;
  }

  ensureTable(): void {
    this.#connection.exec(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        app TEXT NOT NULL,
        name TEXT NOT NULL,
        applied TEXT NOT NULL,
        UNIQUE (app, name)
      )`,
    );
  }

  /** `app.name` → when it was applied (ISO 8601, UTC). */
  applied(): Map<string, string> {
    if (!this.hasTable()) return new Map();
    const rows = this.#connection.query<{ app: string; name: string; applied: string }>(
      `SELECT app, name, applied FROM ${MIGRATIONS_TABLE} ORDER BY id`,
    );
    return new Map(rows.map((row) => [keyOf(row.app, row.name), row.applied]));
  }

  recordApplied(app: string, name: string): void {
    this.ensureTable();
    this.#connection.run(`INSERT INTO ${MIGRATIONS_TABLE} (app, name, applied) VALUES (?, ?, ?)`, [app, name, new Date()]);
  }

  recordUnapplied(app: string, name: string): void {
    this.ensureTable();
    this.#connection.run(`DELETE FROM ${MIGRATIONS_TABLE} WHERE app = ? AND name = ?`, [app, name]);
  }
}
