/**
 * Django's module-level reverse() reads a thread-local URLconf, else settings.ROOT_URLCONF. Here:
 * the resolver of a runWithResolver() call in progress, else the one of the app this process
 * serves (app.ts registers it), so views, redirects and templates call reverse('name') without
 * passing the resolver along; with neither, pass `{ urlconf: resolver }`.
 */
import { ServedValue } from '../conf/served.js';
import { ImproperlyConfigured } from '../errors.js';
import type { ViewFunction } from './conf.js';
import type { Resolver } from './resolver.js';
import type { ReverseOptions } from './reverse.js';

/** The resolver reverse() uses without `{ urlconf }` (conf/served.ts says why it is process-wide). */
const resolverInUse = new ServedValue<Resolver>();

/** Makes `resolver` the one reverse() uses outside runWithResolver(); createApp calls it. */
export function setServedResolver(resolver: Resolver): void {
  resolverInUse.serve(resolver);
}

/** Runs `fn` (a request's handling) with `resolver` as the one reverse() uses. */
export function runWithResolver<T>(resolver: Resolver, fn: () => T): T {
  return resolverInUse.run(resolver, fn);
}

/** Django's reverse(viewname, urlconf, args, kwargs, current_app, query, fragment). */
export function reverse(viewname: string | ViewFunction, options: ReverseOptions & { urlconf?: Resolver } = {}): string {
  const resolver = options.urlconf ?? resolverInUse.current;
  if (!resolver) {
    throw new ImproperlyConfigured('reverse() was called outside a request; pass { urlconf: resolver } to say which URLconf to use.');
  }
  return resolver.reverse(viewname, options);
}
