/** The URL routing layer's public API, re-exported as-is by src/index.ts. */
export { path, rePath, expressPath, include } from './conf.js';
export type { ViewFunction, PathOptions, UrlconfModule } from './conf.js';
export {
  ConverterRegistry,
  IntConverter,
  StringConverter,
  SlugConverter,
  PathConverter,
  UUIDConverter,
} from './converters.js';
export type { Converter, ConverterClass } from './converters.js';
export type { Tried, TriedPattern } from './compile.js';
export { Resolver404, NoReverseMatch } from './exceptions.js';
export { ResolverMatch } from './resolve.js';
export { Resolver, createResolver } from './resolver.js';
export type { ResolverOptions } from './resolver.js';
export type { ReverseOptions } from './reverse.js';
export type { ErrorStatus } from './handlers.js';
export { reverse } from './context.js';
