/**
 * One SQLite connection: opened on first use with WAL, foreign keys and a busy timeout, then
 * parameterised `query`/`get`/`run` and `transaction(fn)` (nested calls become savepoints).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ImproperlyConfigured } from '../errors.js';
import { openSqlite, type SqliteDatabase, type SqliteStatement } from './driver.js';
import { Transactions } from './transaction.js';

/** Positional (`?`) or named (`@name`, `:name`, `$name`) parameters. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;
export type Row = Record<string, unknown>;

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface ConnectionOptions {
  /** Absolute path of the database file, or `:memory:`. */
  file: string;
  /** Milliseconds a statement waits for another process's write lock before SQLITE_BUSY. */
  busyTimeoutMs: number;
  readonly?: boolean;
}

const STATEMENT_CACHE_SIZE = 200;

export class Connection {
  readonly alias: string;
  readonly file: string;
  readonly #options: ConnectionOptions;
  #handle: SqliteDatabase | undefined;
  readonly #statements = new Map<string, SqliteStatement>();
  readonly #transactions: Transactions;

  constructor(alias: string, options: ConnectionOptions) {
    this.alias = alias;
    this.file = options.file;
    this.#options = options;
    this.#transactions = new Transactions((sql) => void this.#open().exec(sql), () => this.#open().inTransaction);
  }

  /** All rows. Reads run even while another task's async transaction holds the connection; writes do not. */
  query<T = Row>(sql: string, params?: Params): T[] {
    return this.#statement(sql).all(...bindings(params)) as T[];
  }

  /** The first row, or undefined. */
  get<T = Row>(sql: string, params?: Params): T | undefined {
    return this.#statement(sql).get(...bindings(params)) as T | undefined;
  }

  /** A statement that returns no rows: how many rows changed and the last inserted rowid. */
  run(sql: string, params?: Params): RunResult {
    const { changes, lastInsertRowid } = this.#statement(sql).run(...bindings(params));
    return { changes, lastInsertRowid };
  }

  /** Several statements without parameters (schema scripts). */
  exec(sql: string): void {
    this.#transactions.assertMayWrite();
    this.#open().exec(sql);
  }

  /**
   * Runs `fn` atomically: commits when it returns, rolls back when it throws. An async `fn` holds
   * the connection until it settles (other async transactions wait their turn).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  transaction<T>(fn: () => T): T;
  transaction<T>(fn: () => T | Promise<T>): T | Promise<T> {
    return this.#transactions.run(fn);
  }

  /**
   * Runs async `fn` with the connection to itself, outside any transaction: other async
   * transactions wait for it, and writes from other tasks are refused meanwhile. ATOMIC_REQUESTS
   * holds the connection for each request so its view's transaction never mixes with another's.
   */
  hold<T>(fn: () => Promise<T>): Promise<T> {
    return this.#transactions.hold(fn);
  }

  get inTransaction(): boolean {
    return this.#handle?.inTransaction ?? false;
  }

  get isOpen(): boolean {
    return this.#handle?.open ?? false;
  }

  close(): void {
    this.#statements.clear();
    this.#handle?.close();
    this.#handle = undefined;
  }

  #statement(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#open().prepare<unknown[]>(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(sql, statement);
    }
    if (!statement.readonly) this.#transactions.assertMayWrite();
    return statement;
  }

  #open(): SqliteDatabase {
    if (this.#handle) return this.#handle;
    const { file, readonly = false } = this.#options;
    if (file !== ':memory:' && !existsSync(path.dirname(file))) {
      throw new ImproperlyConfigured(
        `Cannot open database '${this.alias}' at ${file}: the directory ${path.dirname(file)} does not exist.`,
      );
    }
    const handle = openSqlite(file, { readonly, fileMustExist: readonly, timeout: this.#options.busyTimeoutMs });
    try {
      if (!readonly) handle.pragma('journal_mode = WAL');
      handle.pragma('foreign_keys = ON');
      if (!readonly) handle.pragma('synchronous = NORMAL');
    } catch (error) {
      handle.close();
      throw error;
    }
    this.#handle = handle;
    return handle;
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans and dates are converted. */
function bindings(params: Params | undefined): unknown[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return params.map(bindable);
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) named[key] = bindable(value);
  return [named];
}

function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}
