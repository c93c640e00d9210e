/**
 * `db()` for views and commands: the Databases of the app this process serves (createApp
 * registers them), or those `runWithDatabases` scopes to a command or a test (conf/served.ts).
 */
import { ServedValue } from '../conf/served.js';
import type { Settings } from '../conf/settings.js';
import { ImproperlyConfigured } from '../errors.js';
import type { Connection } from './connection.js';
import { Databases, DEFAULT_DB_ALIAS } from './databases.js';

const databasesInUse = new ServedValue<Databases>();

/** Makes `databases` the ones db() uses outside runWithDatabases(); createApp calls it. */
export function setServedDatabases(databases: Databases): void {
  databasesInUse.serve(databases);
}

export function runWithDatabases<T>(databases: Databases, fn: () => T): T {
  return databasesInUse.run(databases, fn);
}

/** The Databases of the running command or test, else those of the served app. */
export function currentDatabases(): Databases | undefined {
  return databasesInUse.current;
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
