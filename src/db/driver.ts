/**
 * Loads better-sqlite3 on first use only, so a project without DATABASES never loads the native
 * module. `require` keeps opening a connection synchronous, which `db()` in a view relies on.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { ImproperlyConfigured } from '../errors.js';

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteOptions = BetterSqlite3.Options;
export type SqliteStatement = BetterSqlite3.Statement<unknown[], unknown>;
type Driver = new (file: string, options?: SqliteOptions) => SqliteDatabase;

const require = createRequire(import.meta.url);

export function openSqlite(file: string, options: SqliteOptions = {}): SqliteDatabase {
  return new (loadDriver())(file, options);
}

function loadDriver(): Driver {
  try {
    return require('better-sqlite3') as Driver;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'better-sqlite3'/.test(detail ?? '');
    const hint = missing
      ? 'Install it with: npm install better-sqlite3@12'
      : "Its native binding did not load; rebuild it with 'npm rebuild better-sqlite3' (and allow its install script: \"allowScripts\": {\"better-sqlite3\": true} in package.json).";
    throw new ImproperlyConfigured(`Error loading better-sqlite3 module: ${detail}\n${hint}`, { cause: error });
  }
}
