/**
 * DATABASES resolved to connections (Django's ConnectionHandler): one lazily opened Connection per
 * alias, for the life of the process. Creating a Databases opens nothing and loads no driver.
 */
import path from 'node:path';
import { ImproperlyConfigured } from '../errors.js';
import type { DatabaseSettings, Settings } from '../conf/settings.js';
import { Connection } from './connection.js';

export const DEFAULT_DB_ALIAS = 'default';

/** ENGINE values meaning SQLite (Django's dotted name is accepted for familiarity). */
const SQLITE_ENGINES = new Set(['sqlite', 'sqlite3', 'managets.db.backends.sqlite3', 'django.db.backends.sqlite3']);

/** Python's sqlite3 default, which Django inherits: seconds to wait for a lock. */
const DEFAULT_TIMEOUT_SECONDS = 5;

export class Databases {
  readonly #configs: Readonly<Record<string, DatabaseSettings>>;
  readonly #baseDir: string;
  readonly #connections = new Map<string, Connection>();

  constructor(settings: Pick<Settings, 'DATABASES' | 'BASE_DIR'>) {
    this.#configs = settings.DATABASES ?? {};
    this.#baseDir = settings.BASE_DIR;
  }

  /** True when the project has a database at all (runserver's migration notice is silent otherwise). */
  get configured(): boolean {
    return DEFAULT_DB_ALIAS in this.#configs;
  }

  get aliases(): string[] {
    return Object.keys(this.#configs);
  }

  /** The connection for `alias`, created (not opened) on first request. */
  get(alias: string = DEFAULT_DB_ALIAS): Connection {
    let connection = this.#connections.get(alias);
    if (!connection) {
      connection = new Connection(alias, connectionOptions(this.#configs, alias, this.#baseDir));
      this.#connections.set(alias, connection);
    }
    return connection;
  }

  /** Closes every opened connection (shutdown); a later `get` opens a fresh one. */
  close(): void {
    for (const connection of this.#connections.values()) connection.close();
    this.#connections.clear();
  }
}

export function connectionOptions(configs: Readonly<Record<string, DatabaseSettings>>, alias: string, baseDir: string) {
  const config = configs[alias];
  if (!config) {
    if (Object.keys(configs).length === 0) {
      throw new ImproperlyConfigured(
        "settings.DATABASES is not configured. Add e.g. DATABASES = { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } } to your settings.",
      );
    }
    throw new ImproperlyConfigured(`The connection '${alias}' doesn't exist.`);
  }
  if (!SQLITE_ENGINES.has(String(config.ENGINE))) {
    throw new ImproperlyConfigured(
      `'${String(config.ENGINE)}' isn't an available database backend. managets ships the 'sqlite' engine (better-sqlite3).`,
    );
  }
  return { file: databaseFile(config, baseDir), busyTimeoutMs: timeoutSeconds(config) * 1000 };
}

/** NAME relative to BASE_DIR; `:memory:` as is. */
export function databaseFile(config: DatabaseSettings, baseDir: string): string {
  if (typeof config.NAME !== 'string' || config.NAME === '') {
    throw new ImproperlyConfigured('settings.DATABASES is improperly configured. Please supply the NAME value.');
  }
  return config.NAME === ':memory:' ? config.NAME : path.resolve(baseDir, config.NAME);
}

function timeoutSeconds(config: DatabaseSettings): number {
  const timeout = (config.OPTIONS as { timeout?: unknown } | undefined)?.timeout;
  return typeof timeout === 'number' && timeout >= 0 ? timeout : DEFAULT_TIMEOUT_SECONDS;
}
