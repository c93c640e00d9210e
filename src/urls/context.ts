/**
 * Django's module-level reverse() reads a thread-local URLconf; here app.ts runs each request
 * inside runWithResolver(), so views, redirects and templates can call reverse('name') without
 * passing the resolver along. The store belongs to the async call chain app.ts opens, not to
 * this module; outside one, pass `{ urlconf: resolver }`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ImproperlyConfigured } from '../errors.js';
import type { ViewFunction } from './conf.js';
import type { Resolver } from './resolver.js';
import type { ReverseOptions } from './reverse.js';

const active = new AsyncLocalStorage<Resolver>();

/** Runs `fn` (a request's handling) with `resolver` as the one reverse() uses. */
export function runWithResolver<T>(resolver: Resolver, fn: () => T): T {
  return active.run(resolver, fn);
}

/** Django's reverse(viewname, urlconf, args, kwargs, current_app, query, fragment). */
export function reverse(viewname: string | ViewFunction, options: ReverseOptions & { urlconf?: Resolver } = {}): string {
  const resolver = options.urlconf ?? active.getStore();
  if (!resolver) {
    throw new ImproperlyConfigured('reverse() was called outside a request; pass { urlconf: resolver } to say which URLconf to use.');
  }
  return resolver.reverse(viewname, options);
}
