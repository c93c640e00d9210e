/**
 * `db()` for views and commands. The app registers the Databases of the project it serves (one
 * process serves one app, as Django's connections follow its settings); `runWithDatabases` scopes
 * another one to a command or a test. A request does not run inside AsyncLocalStorage: an active
 * one costs every promise of every request (the same trade-off as urls/context.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ImproperlyConfigured } from '../errors.js';
import type { Settings } from '../conf/settings.js';
import type { Connection } from './connection.js';
import { Databases, DEFAULT_DB_ALIAS } from './databases.js';

const current = new AsyncLocalStorage<Databases>();

/** The served app's databases: process-wide on purpose, see above. */
let served: Databases | undefined;

/** Makes `databases` the ones db() uses outside runWithDatabases(); createApp calls it. */
export function setServedDatabases(databases: Databases): void {
  served = databases;
}

export function runWithDatabases<T>(databases: Databases, fn: () => T): T {
  return current.run(databases, fn);
}

/** The Databases of the running command or test, else those of the served app. */
export function currentDatabases(): Databases | undefined {
  return current.getStore() ?? served;
}

/** The connection for `alias` (Django's `connections[alias]`). */
export function connection(alias: string = DEFAULT_DB_ALIAS): Connection {
  const databases = currentDatabases();
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
