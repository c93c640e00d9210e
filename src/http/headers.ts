const UNSAFE_VALUE = /[\r\n\0]/;

/** A case-insensitive header map that remembers how each name was first written. */
export class Headers implements Iterable<[string, string]> {
  readonly #values = new Map<string, { name: string; value: string }>();

  constructor(init?: Record<string, string | number> | Iterable<[string, string]>) {
    if (init === undefined) return;
    if (Symbol.iterator in Object(init)) {
      for (const [name, value] of init as Iterable<[string, string]>) this.set(name, value);
    } else {
      for (const name in init) this.set(name, (init as Record<string, string | number>)[name]!);
    }
  }

  get(name: string): string | undefined {
    return this.#values.get(name.toLowerCase())?.value;
  }

  set(name: string, value: string | number): void {
    this.#store(name.toLowerCase(), name, value);
  }

  /** Sets the header only when it is absent (Django's setdefault). */
  setDefault(name: string, value: string | number): void {
    const key = name.toLowerCase();
    if (!this.#values.has(key)) this.#store(key, name, value);
  }

  // Every middleware sets headers on every response: one lower-casing per call, no regex object.
  #store(key: string, name: string, value: string | number): void {
    const text = typeof value === 'string' ? value : String(value);
    if (UNSAFE_VALUE.test(text)) throw new TypeError(`Header values can't contain newlines: ${JSON.stringify(text)}`);
    this.#values.set(key, { name, value: text });
  }

  /** The headers as a plain object (name as first written → value), for node's writeHead. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const { name, value } of this.#values.values()) record[name] = value;
    return record;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return [...this.#values.values()].map(({ name, value }): [string, string] => [name, value])[Symbol.iterator]();
  }
}

/** Read-only, case-insensitive view of a request's headers (node lower-cases names). */
export class RequestHeaders implements Iterable<[string, string]> {
  readonly #raw: Readonly<Record<string, string | string[] | undefined>>;

  constructor(raw: Readonly<Record<string, string | string[] | undefined>>) {
    this.#raw = raw;
  }

  get(name: string): string | undefined {
    const value = this.#raw[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return Object.keys(this.#raw)
      .map((name): [string, string] => [name, this.get(name)!])
      [Symbol.iterator]();
  }
}
