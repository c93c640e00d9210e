/**
 * Transactions on one connection: BEGIN IMMEDIATE at the outside (takes the write lock up front,
 * so concurrent writers wait on the busy timeout instead of failing to upgrade), SAVEPOINTs inside.
 *
 * A synchronous `fn` cannot interleave with anything. An async `fn` can, and the connection is
 * shared by the whole process, so an async transaction holds the connection: other async
 * transactions queue behind it, and statements from code outside it are refused rather than
 * silently becoming part of it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionManagementError } from './errors.js';

/** Identity of the async transaction currently holding the connection. */
type Holder = object;

export class Transactions {
  readonly #exec: (sql: string) => void;
  readonly #inTransaction: () => boolean;
  /** Open levels: 0 outside, 1 in the transaction, n+1 in the n-th savepoint. */
  #depth = 0;
  #holder: Holder | undefined;
  /** Tail of the queue of async transactions waiting for the connection. */
  #queue: Promise<void> = Promise.resolve();
  readonly #context = new AsyncLocalStorage<Holder>();

  constructor(exec: (sql: string) => void, inTransaction: () => boolean) {
    this.#exec = exec;
    this.#inTransaction = inTransaction;
  }

  /** Throws when an async transaction started elsewhere holds the connection. */
  assertOwner(): void {
    if (this.#holder && this.#context.getStore() !== this.#holder) {
      throw new TransactionManagementError(
        'The database connection is inside an asynchronous transaction started by other code. ' +
          'Run this work inside transaction() too (it waits its turn), or wait for that transaction to finish.',
      );
    }
  }

  run<T>(fn: () => T | Promise<T>): T | Promise<T> {
    if (isAsyncFunction(fn)) return this.#runAsync(fn as () => Promise<T>);
    this.assertOwner();
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
    if (this.#holder && this.#context.getStore() === this.#holder) return this.#nestedAsync(fn);
    // Wait for the connection: a queue, so async transactions run one after another.
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      this.#assertIdle();
      const holder: Holder = {};
      this.#holder = holder;
      try {
        return await this.#context.run(holder, () => this.#nestedAsync(fn));
      } finally {
        this.#holder = undefined;
      }
    } finally {
      release();
    }
  }

  async #nestedAsync<T>(fn: () => Promise<T>): Promise<T> {
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

  /** A synchronous transaction left open by other code would swallow this one. */
  #assertIdle(): void {
    if (this.#depth > 0) {
      throw new TransactionManagementError('An async transaction cannot start while a synchronous one is open.');
    }
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
