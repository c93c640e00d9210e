/**
 * Loads a URLconf and everything it includes, before anything is compiled: included dotted
 * names are imported through the module loader, include() naming rules are applied, and each
 * module's `converters` export is registered with the resolver's registry.
 */
import { ImproperlyConfigured } from '../errors.js';
import { isModuleLike, isURLInclude, isURLPattern, type Include, type URLInclude, type URLPattern, type UrlconfModule, type UrlconfTarget } from './conf.js';
import type { ConverterRegistry } from './converters.js';
import type { ModuleImporter } from './handlers.js';

export interface LoadedUrlconf {
  /** The dotted name, or a description of an in-memory URLconf (for messages). */
  readonly name: string;
  readonly module: UrlconfModule | undefined;
  readonly entries: readonly LoadedEntry[];
}

export type LoadedEntry =
  | { readonly kind: 'endpoint'; readonly decl: URLPattern }
  | {
      readonly kind: 'include';
      readonly decl: URLInclude;
      readonly urlconf: LoadedUrlconf;
      readonly appName: string | undefined;
      readonly namespace: string | undefined;
    }
  | { readonly kind: 'invalid'; readonly value: unknown };

interface LoadContext {
  readonly importer: ModuleImporter | undefined;
  readonly converters: ConverterRegistry;
}

function registerConverters(module: UrlconfModule, name: string, registry: ConverterRegistry): void {
  const exported = module.converters;
  if (exported === undefined) return;
  if (exported === null || typeof exported !== 'object') {
    throw new ImproperlyConfigured(`The 'converters' export of '${name}' must be an object mapping names to converters.`);
  }
  for (const [converterName, converter] of Object.entries(exported)) registry.registerConverter(converter, converterName);
}

async function importTarget(target: UrlconfTarget, context: LoadContext, ancestry: readonly string[]): Promise<UrlconfTarget> {
  if (typeof target !== 'string') return target;
  if (ancestry.includes(target)) {
    throw new ImproperlyConfigured(`The URLconf '${target}' includes itself (${[...ancestry, target].join(' → ')}).`);
  }
  if (!context.importer) throw new ImproperlyConfigured(`Cannot import the URLconf '${target}' without a module loader.`);
  return (await context.importer.importModule(target)).module;
}

function describeTarget(target: UrlconfTarget): string {
  if (typeof target === 'string') return target;
  return Array.isArray(target) ? '<list>' : '<module>';
}

async function load(target: UrlconfTarget, context: LoadContext, ancestry: readonly string[]): Promise<LoadedUrlconf> {
  const name = describeTarget(target);
  const imported = await importTarget(target, context, ancestry);
  const module = typeof target === 'string' || isModuleLike(imported) ? (imported as UrlconfModule) : undefined;
  if (module) registerConverters(module, name, context.converters);
  const patterns = module ? module.urlpatterns : imported;
  if (!Array.isArray(patterns)) {
    throw new ImproperlyConfigured(
      `The included URLconf '${name}' does not appear to have any patterns in it. If you see the 'urlpatterns' variable ` +
        'with valid patterns in the file then the issue is probably caused by a circular import.',
    );
  }
  const chain = typeof target === 'string' ? [...ancestry, target] : ancestry;
  const entries: LoadedEntry[] = [];
  for (const value of patterns as unknown[]) {
    if (isURLPattern(value)) entries.push({ kind: 'endpoint', decl: value });
    else if (isURLInclude(value)) entries.push(await loadInclude(value, context, chain));
    else entries.push({ kind: 'invalid', value });
  }
  return { name, module, entries };
}

async function loadInclude(decl: URLInclude, context: LoadContext, ancestry: readonly string[]): Promise<LoadedEntry> {
  const include: Include = decl.include;
  const urlconf = await load(include.target, context, ancestry);
  const { appName, namespace } = include.names(urlconf.module ?? include.target);
  return { kind: 'include', decl, urlconf, appName, namespace };
}

/** Loads `target` (the ROOT_URLCONF dotted name, a module, or a pattern list) and its includes. */
export function loadUrlconf(
  target: UrlconfTarget,
  importer: ModuleImporter | undefined,
  converters: ConverterRegistry,
): Promise<LoadedUrlconf> {
  return load(target, { importer, converters }, []);
}
