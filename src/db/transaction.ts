/**
 * Transactions on one connection: BEGIN IMMEDIATE at the outside (takes the write lock up front,
 * so concurrent writers wait on the busy timeout instead of failing to upgrade), SAVEPOINTs inside.
 *
 * A synchronous `fn` cannot interleave with anything. An async one can, and the connection is
 * shared by the whole process, so async work holds the connection (`hold`): other holders queue
 * behind it, reads from elsewhere still run, and writes from elsewhere are refused rather than
 * silently becoming part of its transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionManagementError } from './errors.js';

/** Identity of the async work currently holding the connection. */
type Holder = object;

export class Transactions {
  readonly #exec: (sql: string) => void;
  readonly #inTransaction: () => boolean;
  /** Open levels: 0 outside, 1 in the transaction, n+1 in the n-th savepoint. */
  #depth = 0;
  #holder: Holder | undefined;
  /** Tail of the queue of async work waiting for the connection. */
  #queue: Promise<void> = Promise.resolve();
  readonly #context = new AsyncLocalStorage<Holder>();

  constructor(exec: (sql: string) => void, inTransaction: () => boolean) {
    this.#exec = exec;
    this.#inTransaction = inTransaction;
  }

  /** Throws when async work started elsewhere holds the connection (a write would join its transaction). */
  assertMayWrite(): void {
    if (this.#holder && this.#context.getStore() !== this.#holder) {
      throw new TransactionManagementError(
        'The database connection is held by an asynchronous transaction started by other code; ' +
          'a write now would become part of it. Run this work inside transaction() too (it waits its turn).',
      );
    }
  }

  /**
   * Runs async `fn` with the connection to itself: other async transactions (and holders) wait
   * until it settles. Inside, transactions nest as usual; `fn` starts outside any transaction.
   */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#holder && this.#context.getStore() === this.#holder) return fn();
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      if (this.#depth > 0) {
        throw new TransactionManagementError('Asynchronous work cannot take the connection while a synchronous transaction is open.');
      }
      const holder: Holder = {};
      this.#holder = holder;
      try {
        return await this.#context.run(holder, fn);
      } finally {
        this.#holder = undefined;
      }
    } finally {
      release();
    }
  }

  run<T>(fn: () => T | Promise<T>): T | Promise<T> {
    if (isAsyncFunction(fn)) return this.hold(() => this.#runAsync(fn as () => Promise<T>));
    this.assertMayWrite();
    const level = this.#enter();
    let result: T | Promise<T>;
    try {
      result = fn();
    } catch (error) {
      this.#leave(level, false);
      throw error;
    }
    if (isThenable(result)) {
      this.#leave(level, false);
      void Promise.resolve(result).catch(() => undefined);
      throw new TypeError('transaction(fn) got a function that returned a promise: declare it `async` so the transaction waits for it.');
    }
    this.#leave(level, true);
    return result;
  }

  async #runAsync<T>(fn: () => Promise<T>): Promise<T> {
    const level = this.#enter();
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.#leave(level, false);
      throw error;
    }
    this.#leave(level, true);
    return result;
  }

  #enter(): number {
    const level = this.#depth;
    this.#exec(level === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT managets_${level}`);
    this.#depth = level + 1;
    return level;
  }

  #leave(level: number, commit: boolean): void {
    if (this.#depth !== level + 1) {
      throw new TransactionManagementError(
        'Nested transactions finished out of order: await each nested transaction before starting the next.',
      );
    }
    this.#depth = level;
    if (level === 0) {
      try {
        if (commit) this.#exec('COMMIT');
      } finally {
        // SQLite may already have rolled back by itself (e.g. SQLITE_FULL); ROLLBACK would then fail.
        if (this.#inTransaction()) this.#exec('ROLLBACK');
      }
    } else if (commit) {
      this.#exec(`RELEASE managets_${level}`);
    } else {
      this.#exec(`ROLLBACK TO managets_${level}`);
      this.#exec(`RELEASE managets_${level}`);
    }
  }
}

function isAsyncFunction(fn: Function): boolean {
  return fn.constructor?.name === 'AsyncFunction';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
