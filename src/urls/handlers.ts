/**
 * The root URLconf's `handler400/403/404/500` exports (a view or a dotted path), imported when
 * the resolver is built. A failed import is kept, not thrown: the urls.E008 check reports it,
 * and a request that needs that handler gets the error, as in Django.
 */
import { ImproperlyConfigured, UserCodeError } from '../errors.js';
import type { UrlconfModule, ViewFunction } from './conf.js';

export type ErrorStatus = 400 | 403 | 404 | 500;
export const ERROR_STATUSES: readonly ErrorStatus[] = [400, 403, 404, 500];

export interface ErrorHandler {
  readonly status: ErrorStatus;
  /** The dotted path as exported, or the view itself when a view was exported. */
  readonly exported: unknown;
  readonly view: ViewFunction | undefined;
  readonly error: Error | undefined;
}

/** What loading user modules needs (ModuleLoader satisfies it). */
export interface ModuleImporter {
  importModule(name: string): Promise<{ module: Record<string, unknown> }>;
}

/** One line saying why an import failed: the error's first line and where, without the paths tried. */
export function describeImportError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const where = error instanceof UserCodeError && error.location ? ` (${error.location})` : '';
  return `${message.split('\n')[0]!.replace(/\. Tried:$/, '')}${where}`;
}

/** Django's get_callable(): a view, or a dotted path to one, with Django's error texts. */
async function getCallable(lookup: unknown, importer: ModuleImporter | undefined): Promise<ViewFunction> {
  if (typeof lookup === 'function') return lookup as ViewFunction;
  if (typeof lookup !== 'string') throw new ImproperlyConfigured(`'${String(lookup)}' is not a callable or a dot-notation path`);
  const dot = lookup.lastIndexOf('.');
  if (dot < 0) throw new ImproperlyConfigured(`Could not import '${lookup}'. The path must be fully qualified.`);
  const moduleName = lookup.slice(0, dot);
  const name = lookup.slice(dot + 1);
  let module: Record<string, unknown>;
  try {
    if (!importer) throw new Error(`Cannot import '${moduleName}' without a module loader.`);
    ({ module } = await importer.importModule(moduleName));
  } catch (error) {
    throw new ImproperlyConfigured(describeImportError(error), { cause: error });
  }
  if (!(name in module)) {
    throw new ImproperlyConfigured(`Could not import '${lookup}'. View does not exist in module ${moduleName}.`);
  }
  const view = module[name];
  if (typeof view !== 'function') throw new ImproperlyConfigured(`Could not import '${moduleName}.${name}'. View is not callable.`);
  return view as ViewFunction;
}

/** The handlers a root URLconf module exports; missing (falsy) ones mean "use the default". */
export async function loadErrorHandlers(
  module: UrlconfModule | undefined,
  importer: ModuleImporter | undefined,
): Promise<ErrorHandler[]> {
  const handlers: ErrorHandler[] = [];
  for (const status of ERROR_STATUSES) {
    const exported = module?.[`handler${status}`];
    if (!exported) continue;
    try {
      handlers.push({ status, exported, view: await getCallable(exported, importer), error: undefined });
    } catch (error) {
      handlers.push({ status, exported, view: undefined, error: error as Error });
    }
  }
  return handlers;
}
