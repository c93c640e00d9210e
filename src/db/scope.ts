/**
 * `db()` for views and commands. There is no global connection: the app (per request) and the CLI
 * (per command) run code inside `runWithDatabases`, and `db()` finds that Databases through
 * AsyncLocalStorage, so tests and embedders can run several projects in one process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ImproperlyConfigured } from '../errors.js';
import type { Settings } from '../conf/settings.js';
import type { Connection } from './connection.js';
import { Databases, DEFAULT_DB_ALIAS } from './databases.js';

const current = new AsyncLocalStorage<Databases>();

export function runWithDatabases<T>(databases: Databases, fn: () => T): T {
  return current.run(databases, fn);
}

/** The Databases of the running request or command, if any. */
export function currentDatabases(): Databases | undefined {
  return current.getStore();
}

/** The connection for `alias` (Django's `connections[alias]`). */
export function connection(alias: string = DEFAULT_DB_ALIAS): Connection {
  const databases = current.getStore();
  if (!databases) {
    throw new ImproperlyConfigured(
      'db() was called outside a request or a manage command: there is no project whose database it could use.',
    );
  }
  return databases.get(alias);
}

/** The default connection: `db().query('SELECT * FROM blog_post WHERE id = ?', [id])`. */
export function db(alias: string = DEFAULT_DB_ALIAS): Connection {
  return connection(alias);
}

/**
 * Opens the project's databases for the length of `fn` (a manage command), with `db()` working
 * inside it, and closes them afterwards however `fn` ends.
 */
export async function withDatabases<T>(
  settings: Pick<Settings, 'DATABASES' | 'BASE_DIR'>,
  fn: (databases: Databases) => Promise<T>,
): Promise<T> {
  const databases = new Databases(settings);
  try {
    return await runWithDatabases(databases, () => fn(databases));
  } finally {
    databases.close();
  }
}
