/**
 * Django's module-level reverse() reads a thread-local URLconf, else settings.ROOT_URLCONF. Here:
 * the resolver of a runWithResolver() call in progress, else the one of the app this process
 * serves (app.ts registers it), so views, redirects and templates call reverse('name') without
 * passing the resolver along; with neither, pass `{ urlconf: resolver }`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ImproperlyConfigured } from '../errors.js';
import type { ViewFunction } from './conf.js';
import type { Resolver } from './resolver.js';
import type { ReverseOptions } from './reverse.js';

const active = new AsyncLocalStorage<Resolver>();

/**
 * The served app's resolver: process-wide on purpose, as settings.ROOT_URLCONF is in Django.
 * Running every request inside runWithResolver() instead costs ~15 µs per request on Node 20
 * (an active AsyncLocalStorage turns on async_hooks for every promise and socket write), half the
 * cost of a whole hello-world request.
 */
let served: Resolver | undefined;

/** Makes `resolver` the one reverse() uses outside runWithResolver(); createApp calls it. */
export function setServedResolver(resolver: Resolver): void {
  served = resolver;
}

/** Runs `fn` (a request's handling) with `resolver` as the one reverse() uses. */
export function runWithResolver<T>(resolver: Resolver, fn: () => T): T {
  return active.run(resolver, fn);
}

/** Django's reverse(viewname, urlconf, args, kwargs, current_app, query, fragment). */
export function reverse(viewname: string | ViewFunction, options: ReverseOptions & { urlconf?: Resolver } = {}): string {
  const resolver = options.urlconf ?? active.getStore() ?? served;
  if (!resolver) {
    throw new ImproperlyConfigured('reverse() was called outside a request; pass { urlconf: resolver } to say which URLconf to use.');
  }
  return resolver.reverse(viewname, options);
}
