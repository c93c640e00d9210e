const UNSAFE_VALUE = /[\r\n\0]/;

/**
 * A case-insensitive header map that remembers how each name was written. A response carries a
 * handful of headers that every middleware probes and sets: parallel arrays scanned in order beat
 * a hash map at that size, and names are compared in place, never lower-cased into new strings.
 */
export class Headers implements Iterable<[string, string]> {
  readonly #names: string[] = [];
  readonly #values: string[] = [];

  constructor(init?: Record<string, string | number> | Iterable<[string, string]>) {
    if (init === undefined) return;
    if (Symbol.iterator in Object(init)) {
      for (const [name, value] of init as Iterable<[string, string]>) this.set(name, value);
    } else {
      for (const name in init) this.set(name, (init as Record<string, string | number>)[name]!);
    }
  }

  get(name: string): string | undefined {
    const index = this.#indexOf(name);
    return index < 0 ? undefined : this.#values[index];
  }

  set(name: string, value: string | number): void {
    this.#store(this.#indexOf(name), name, value);
  }

  /** Sets the header only when it is absent (Django's setdefault). */
  setDefault(name: string, value: string | number): void {
    const index = this.#indexOf(name);
    if (index < 0) this.#store(index, name, value);
  }

  has(name: string): boolean {
    return this.#indexOf(name) >= 0;
  }

  delete(name: string): void {
    const index = this.#indexOf(name);
    if (index < 0) return;
    this.#names.splice(index, 1);
    this.#values.splice(index, 1);
  }

  /** The headers as a plain object (name → value), in the order they were first set. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (let i = 0; i < this.#names.length; i++) record[this.#names[i]!] = this.#values[i]!;
    return record;
  }

  /** `[name, value, name, value...]`: what node's writeHead takes without building an object. */
  toFlatList(): string[] {
    const list: string[] = [];
    for (let i = 0; i < this.#names.length; i++) list.push(this.#names[i]!, this.#values[i]!);
    return list;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#names.map((name, i): [string, string] => [name, this.#values[i]!])[Symbol.iterator]();
  }

  #indexOf(name: string): number {
    const names = this.#names;
    // Spelled as it was set (the usual case): no character compared.
    for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
    for (let i = 0; i < names.length; i++) if (sameIgnoringCase(names[i]!, name)) return i;
    return -1;
  }

  /** Replaces the value at `index` (the name takes the new spelling), or appends when -1. */
  #store(index: number, name: string, value: string | number): void {
    // A number's text can't split a header (Content-Length is set on every response).
    const text = typeof value === 'string' ? value : String(value);
    if (typeof value !== 'number' && UNSAFE_VALUE.test(text)) throw new TypeError(`Header values can't contain newlines: ${JSON.stringify(text)}`);
    if (index >= 0) {
      this.#names[index] = name;
      this.#values[index] = text;
      return;
    }
    this.#names.push(name);
    this.#values.push(text);
  }
}

/** `a.toLowerCase() === b.toLowerCase()` without making either string. */
function sameIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    if ((x >= 65 && x <= 90 ? x + 32 : x) !== (y >= 65 && y <= 90 ? y + 32 : y)) return false;
  }
  return true;
}

/** `name.toLowerCase()`, without a new string when it already is (middleware ask for `cookie`, `host`...). */
function lowerCased(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if ((code >= 65 && code <= 90) || code > 127) return name.toLowerCase();
  }
  return name;
}

/** Read-only, case-insensitive view of a request's headers (node lower-cases names). */
export class RequestHeaders implements Iterable<[string, string]> {
  readonly #raw: Readonly<Record<string, string | string[] | undefined>>;

  constructor(raw: Readonly<Record<string, string | string[] | undefined>>) {
    this.#raw = raw;
  }

  get(name: string): string | undefined {
    const value = this.#raw[lowerCased(name)];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.#raw[lowerCased(name)] !== undefined;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return Object.keys(this.#raw)
      .map((name): [string, string] => [name, this.get(name)!])
      [Symbol.iterator]();
  }
}
