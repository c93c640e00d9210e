/**
 * `request.session`: Django's signed-cookie session backend. The whole session lives in the
 * cookie, signed with SECRET_KEY; a tampered or expired cookie reads as an empty session. Loading
 * is lazy, and `accessed`/`modified` tell the middleware whether to send Vary and a new cookie.
 */
import { TimestampSigner } from './signing.js';

const SALT = 'django.contrib.sessions.backends.signed_cookies';
const EXPIRY_KEY = '_session_expiry';

export interface SessionConfig {
  readonly signer: TimestampSigner;
  /** SESSION_COOKIE_AGE in seconds. */
  readonly cookieAge: number;
  readonly expireAtBrowserClose: boolean;
}

export function sessionSigner(secretKey: string): TimestampSigner {
  return new TimestampSigner({ key: secretKey, salt: SALT });
}

export class Session {
  /** Some value was read (the response then varies on Cookie). */
  accessed = false;
  /** Some value changed (a new cookie is sent). */
  modified = false;
  readonly #cookie: string | undefined;
  readonly #config: SessionConfig;
  #data: Record<string, unknown> | undefined;

  constructor(cookie: string | undefined, config: SessionConfig) {
    this.#cookie = cookie;
    this.#config = config;
  }

  #load(): Record<string, unknown> {
    this.accessed = true;
    if (this.#data) return this.#data;
    this.#data = Object.create(null) as Record<string, unknown>;
    if (this.#cookie) {
      try {
        const value = this.#config.signer.unsignObject(this.#cookie, this.#config.cookieAge);
        if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(this.#data, value);
      } catch {
        // Tampered, expired or unreadable: start afresh, and let the middleware replace the cookie.
        this.modified = true;
      }
    }
    return this.#data;
  }

  get<T = unknown>(key: string): T | undefined;
  get<T>(key: string, fallback: T): T;
  get(key: string, fallback?: unknown): unknown {
    const data = this.#load();
    return key in data ? data[key] : fallback;
  }

  /** Stores a JSON-serialisable value. */
  set(key: string, value: unknown): void {
    this.#load()[key] = value;
    this.modified = true;
  }

  has(key: string): boolean {
    return key in this.#load();
  }

  delete(key: string): boolean {
    const data = this.#load();
    if (!(key in data)) return false;
    delete data[key];
    this.modified = true;
    return true;
  }

  pop<T = unknown>(key: string, fallback?: T): T | undefined {
    const data = this.#load();
    if (!(key in data)) return fallback;
    const value = data[key] as T;
    this.delete(key);
    return value;
  }

  setDefault<T>(key: string, value: T): T {
    if (!this.has(key)) this.set(key, value);
    return this.get(key) as T;
  }

  keys(): string[] {
    return Object.keys(this.#load());
  }

  entries(): Array<[string, unknown]> {
    return Object.entries(this.#load());
  }

  /** Removes every value, keeping the session. */
  clear(): void {
    this.#data = Object.create(null) as Record<string, unknown>;
    this.accessed = true;
    this.modified = true;
  }

  /** Logs out: removes every value and the cookie. */
  flush(): void {
    this.clear();
  }

  /** Keeps the data under a fresh signature (call on login against session fixation). */
  cycleKey(): void {
    this.#load();
    this.modified = true;
  }

  isEmpty(): boolean {
    return this.#data ? Object.keys(this.#data).length === 0 : !this.#cookie;
  }

  /** Seconds until the session expires (0 means "at browser close"), or null for SESSION_COOKIE_AGE. */
  setExpiry(seconds: number | null): void {
    if (seconds === null) this.delete(EXPIRY_KEY);
    else this.set(EXPIRY_KEY, seconds);
  }

  getExpiryAge(): number {
    const custom = this.get(EXPIRY_KEY);
    return typeof custom === 'number' && custom > 0 ? custom : this.#config.cookieAge;
  }

  getExpireAtBrowserClose(): boolean {
    const custom = this.get(EXPIRY_KEY);
    return typeof custom === 'number' ? custom === 0 : this.#config.expireAtBrowserClose;
  }

  /** The signed cookie value for the current data. */
  encode(): string {
    return this.#config.signer.signObject(this.#load());
  }
}
