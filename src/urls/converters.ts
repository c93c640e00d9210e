/**
 * Path converters (Django's django.urls.converters) and the registry that names them.
 *
 * Django keeps registered converters in a module-level dict. Here each resolver owns a
 * `ConverterRegistry`: the five built-ins, plus whatever the caller passes to createResolver(),
 * plus the `converters` export of every URLconf module the resolver loads
 * (`export const converters = { yyyy: FourDigitYearConverter }`). Routes are compiled after all
 * URLconf modules are loaded, so a converter exported by any of them can be used by all of them,
 * as with Django's register_converter() in a urls.py.
 */
import { ImproperlyConfigured } from '../errors.js';
import { pyStr } from '../http/pyrepr.js';

export interface Converter<T = any> {
  /** The regex (Python or JavaScript syntax) a path segment must match. */
  readonly regex: string | RegExp;
  /** Turns the matched text into the view's argument; throwing means "no match, try the next pattern". */
  toPython(value: string): T;
  /** Turns a reverse() argument into URL text; throwing means "this pattern cannot be used". */
  toUrl(value: T): string;
}

export type ConverterClass = new () => Converter;

export class IntConverter implements Converter<number> {
  readonly regex = '[0-9]+';
  toPython(value: string): number {
    const number = Number(value);
    // Python's int is unbounded; a digit string past 2**53 cannot round-trip, so it does not match.
    if (!Number.isSafeInteger(number)) throw new RangeError(`${value} is not a safe integer`);
    return number;
  }
  toUrl(value: unknown): string {
    return pyStr(value);
  }
}

export class StringConverter implements Converter<string> {
  readonly regex: string = '[^/]+';
  toPython(value: string): string {
    return value;
  }
  toUrl(value: unknown): string {
    return pyStr(value);
  }
}

export class SlugConverter extends StringConverter {
  override readonly regex = '[-a-zA-Z0-9_]+';
}

export class PathConverter extends StringConverter {
  override readonly regex = '.+';
}

/** Lower-case hex only, as Django; the value stays a string (JavaScript has no UUID type). */
export class UUIDConverter extends StringConverter {
  override readonly regex = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
}

const BUILTINS: ReadonlyArray<[string, ConverterClass]> = [
  ['int', IntConverter],
  ['path', PathConverter],
  ['slug', SlugConverter],
  ['str', StringConverter],
  ['uuid', UUIDConverter],
];

/** The regex source of a converter, whichever way it was written. */
export function converterRegex(converter: Converter): string {
  return typeof converter.regex === 'string' ? converter.regex : converter.regex.source;
}

export class ConverterRegistry {
  /** `source` is what registerConverter() received; undefined for the built-ins, which never match it. */
  readonly #entries = new Map<string, { source: Converter | ConverterClass | undefined; converter: Converter }>();

  /** A registry with the built-ins, plus the converters of `base` when given. */
  constructor(base?: ConverterRegistry) {
    if (base) for (const [name, entry] of base.#entries) this.#entries.set(name, entry);
    else for (const [name, cls] of BUILTINS) this.#entries.set(name, { source: undefined, converter: new cls() });
  }

  /**
   * Django's register_converter(converter, type_name): a class or an instance. Registering the
   * same one under the same name again is a no-op (two URLconfs may export the same converters).
   */
  registerConverter(converter: Converter | ConverterClass, name: string): void {
    const existing = this.#entries.get(name);
    if (existing?.source === converter) return;
    if (existing) throw new ImproperlyConfigured(`Converter '${name}' is already registered.`);
    const instance = typeof converter === 'function' ? new converter() : converter;
    const valid =
      instance !== null &&
      typeof instance === 'object' &&
      (typeof instance.regex === 'string' || instance.regex instanceof RegExp) &&
      typeof instance.toPython === 'function' &&
      typeof instance.toUrl === 'function';
    if (!valid) throw new ImproperlyConfigured(`Converter '${name}' must have a regex, toPython() and toUrl().`);
    this.#entries.set(name, { source: converter, converter: instance });
  }

  get(name: string): Converter | undefined {
    return this.#entries.get(name)?.converter;
  }
}
