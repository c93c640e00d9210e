/**
 * The resolver for one root URLconf: built once (async, because included modules and handler
 * paths are imported), then resolve() and reverse() are synchronous and hold no global state.
 */
import { ImproperlyConfigured } from '../errors.js';
import { compileUrlconf, type IncludeNode } from './compile.js';
import type { UrlconfTarget, ViewFunction } from './conf.js';
import { ConverterRegistry } from './converters.js';
import { loadErrorHandlers, type ErrorHandler, type ErrorStatus, type ModuleImporter } from './handlers.js';
import { loadUrlconf } from './load.js';
import { resolvePath, type ResolverMatch } from './resolve.js';
import { ReverseIndex } from './reverse-dict.js';
import { reverseUrl, type ReverseOptions } from './reverse.js';

export interface ResolverOptions {
  /** Imports included dotted names and handler paths (a ModuleLoader). */
  loader?: ModuleImporter;
  /** Converters to use besides the built-ins; the URLconfs' `converters` exports go into a copy. */
  converters?: ConverterRegistry;
}

export class Resolver {
  /** The root URLconf's dotted name (`<list>`/`<module>` when built from an object). */
  readonly urlconf: string;
  /** The compiled tree (the URL checks walk it). */
  readonly root: IncludeNode;
  readonly errorHandlers: readonly ErrorHandler[];
  readonly #index = new ReverseIndex();

  private constructor(root: IncludeNode, errorHandlers: readonly ErrorHandler[]) {
    this.urlconf = root.urlconfName;
    this.root = root;
    this.errorHandlers = errorHandlers;
  }

  /** Loads `urlconf` (a dotted name, a module, or a list of patterns) and compiles it. */
  static async load(urlconf: UrlconfTarget, options: ResolverOptions = {}): Promise<Resolver> {
    const registry = new ConverterRegistry(options.converters);
    const loaded = await loadUrlconf(urlconf, options.loader, registry);
    const handlers = await loadErrorHandlers(loaded.module, options.loader);
    // `this`: bundled, a class that names itself is renamed `_Resolver` (test/cli/bundle.test.ts).
    return new this(compileUrlconf(loaded, registry), handlers);
  }

  /** Resolves a request path (with its leading `/`); throws Resolver404. */
  resolve(path: string): ResolverMatch {
    return resolvePath(this.root, path);
  }

  /** Django's reverse(): a URL name (`app:name`) or a view; throws NoReverseMatch. */
  reverse(viewname: string | ViewFunction, options?: ReverseOptions): string {
    return reverseUrl(this.root, this.#index, viewname, options);
  }

  /**
   * The root URLconf's `handler{status}` view, or undefined for the built-in default. Throws
   * the import error when the exported dotted path could not be imported (urls.E008).
   */
  errorHandler(status: ErrorStatus): ViewFunction | undefined {
    const handler = this.errorHandlers.find((entry) => entry.status === status);
    if (handler?.error) throw handler.error;
    return handler?.view;
  }
}

/** The resolver for `settings.ROOT_URLCONF`, imported through `loader`. */
export async function createResolver(
  settings: { readonly [name: string]: unknown },
  loader: ModuleImporter,
  options: Omit<ResolverOptions, 'loader'> = {},
): Promise<Resolver> {
  if (typeof settings.ROOT_URLCONF !== 'string' || !settings.ROOT_URLCONF) {
    throw new ImproperlyConfigured('The ROOT_URLCONF setting must name the module that defines urlpatterns.');
  }
  return Resolver.load(settings.ROOT_URLCONF, { ...options, loader });
}
