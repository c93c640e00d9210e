/**
 * A value with a scoped override: the one a run() in progress gave, else the one the served app
 * registered. Process-wide on purpose, as Django's ROOT_URLCONF and connections follow its
 * settings: running every request inside run() instead would keep an AsyncLocalStorage active,
 * which turns on async_hooks for every promise and socket write (~15 µs per request on Node 20,
 * half a hello-world request). One process serves one app; commands and tests use run().
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class ServedValue<T> {
  readonly #scoped = new AsyncLocalStorage<T>();
  #served: T | undefined;

  /** Makes `value` the one used outside run() (createApp calls it; the last app built wins). */
  serve(value: T): void {
    this.#served = value;
  }

  /** Runs `fn` with `value` in effect for everything it awaits. */
  run<R>(value: T, fn: () => R): R {
    return this.#scoped.run(value, fn);
  }

  /** The value of the run() in progress, else the served one. */
  get current(): T | undefined {
    return this.#scoped.getStore() ?? this.#served;
  }
}
