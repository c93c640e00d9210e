/**
 * Django's QueryDict: an immutable multi-valued map of query-string or form fields.
 * `get` returns the last value (as Django), `getlist` all of them.
 */
import { TooManyFieldsSent } from './errors.js';
import { PERCENT_RUN } from './path.js';

export class QueryDict implements Iterable<[string, string]> {
  readonly #entries: ReadonlyArray<readonly [string, string]>;

  constructor(entries: Iterable<readonly [string, string]> = []) {
    this.#entries = Object.freeze([...entries].map(([k, v]) => Object.freeze([k, v] as const)));
  }

  /** Parses `a=1&b=2&a=3`; malformed percent-encoding is kept or replaced as Django does, never an error. */
  static parse(query: string, options: { maxFields?: number | null } = {}): QueryDict {
    // `this`: bundled, a class that names itself is renamed `_QueryDict` (test/cli/bundle.test.ts).
    if (!query) return new this();
    const pairs = query.split(/[&;]/).filter((part) => part !== '');
    if (options.maxFields != null && pairs.length > options.maxFields) throw new TooManyFieldsSent();
    return new this(
      pairs.map((pair) => {
        const cut = pair.indexOf('=');
        const key = cut === -1 ? pair : pair.slice(0, cut);
        const value = cut === -1 ? '' : pair.slice(cut + 1);
        return [decodeComponent(key), decodeComponent(value)] as const;
      }),
    );
  }

  get(key: string): string | undefined;
  get(key: string, fallback: string): string;
  get(key: string, fallback?: string): string | undefined {
    for (let i = this.#entries.length - 1; i >= 0; i--) if (this.#entries[i]![0] === key) return this.#entries[i]![1];
    return fallback;
  }

  getlist(key: string): string[] {
    return this.#entries.filter(([k]) => k === key).map(([, v]) => v);
  }

  has(key: string): boolean {
    return this.#entries.some(([k]) => k === key);
  }

  keys(): string[] {
    return [...new Set(this.#entries.map(([k]) => k))];
  }

  get size(): number {
    return this.keys().length;
  }

  /** Every (key, value) pair in order, repeated keys included. */
  entries(): Array<[string, string]> {
    return this.#entries.map(([k, v]) => [k, v]);
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.entries()[Symbol.iterator]();
  }

  /** `{key: lastValue}`, handy for templates and JSON. */
  toObject(): Record<string, string> {
    return Object.fromEntries(this.keys().map((k) => [k, this.get(k)!]));
  }

  /** URL-encodes back to a query string. */
  urlencode(): string {
    return this.#entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  }
}

/**
 * Python's unquote_plus(errors='replace'), as Django's QueryDict: a `%` without two hex digits
 * stays literal and bytes that are not UTF-8 become U+FFFD (`?q=100%` or `?q=%ff` is no 400).
 */
function decodeComponent(text: string): string {
  const plain = text.replace(/\+/g, ' ');
  if (!plain.includes('%')) return plain;
  return plain.replace(PERCENT_RUN, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}
