import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Databases } from '../../../src/db/databases.js';
import { TransactionManagementError } from '../../../src/db/errors.js';
import { connection, db, runWithDatabases, withDatabases } from '../../../src/db/scope.js';
import { ImproperlyConfigured } from '../../../src/errors.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'managets-conn-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** A fresh database file per test, NAME relative to BASE_DIR. */
function open() {
  const name = `test-${++counter}.sqlite3`;
  const databases = new Databases({ DATABASES: { default: { ENGINE: 'sqlite', NAME: name } }, BASE_DIR: dir });
  const conn = databases.get();
  return { databases, conn, file: path.join(dir, name) };
}

describe('Connection', () => {
  it('opens lazily, relative to BASE_DIR, in WAL mode with foreign keys on', () => {
    const { databases, conn, file } = open();
    assert.equal(existsSync(file), false, 'nothing opened before the first statement');
    assert.equal(conn.file, file);
    assert.deepEqual(conn.get('PRAGMA journal_mode'), { journal_mode: 'wal' });
    assert.deepEqual(conn.get('PRAGMA foreign_keys'), { foreign_keys: 1 });
    assert.ok((conn.get<{ timeout: number }>('PRAGMA busy_timeout')?.timeout ?? 0) >= 5000);
    assert.ok(existsSync(file));
    databases.close();
    assert.equal(conn.isOpen, false);
  });

  it('binds positional and named parameters, booleans as 0/1 and dates as ISO strings', () => {
    const { databases, conn } = open();
    conn.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, flag INTEGER, at TEXT)');
    const at = new Date('2026-01-02T03:04:05.000Z');
    const result = conn.run('INSERT INTO t (name, flag, at) VALUES (?, ?, ?)', ["Robert'); DROP TABLE t;--", true, at]);
    assert.deepEqual(result, { changes: 1, lastInsertRowid: 1 });
    conn.run('INSERT INTO t (name, flag) VALUES (@name, @flag)', { name: 'b', flag: false });
    assert.deepEqual(conn.query('SELECT name, flag, at FROM t ORDER BY id'), [
      { name: "Robert'); DROP TABLE t;--", flag: 1, at: '2026-01-02T03:04:05.000Z' },
      { name: 'b', flag: 0, at: null },
    ]);
    assert.equal(conn.get('SELECT * FROM t WHERE id = ?', [99]), undefined);
    databases.close();
  });

  it('enforces foreign keys', () => {
    const { databases, conn } = open();
    conn.exec('CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id))');
    assert.throws(() => conn.run('INSERT INTO c VALUES (1)'), /FOREIGN KEY constraint failed/);
    databases.close();
  });

  it('commits a transaction, rolls it back when fn throws, and nests savepoints', () => {
    const { databases, conn } = open();
    conn.exec('CREATE TABLE t (v TEXT)');
    const value = conn.transaction(() => {
      conn.run("INSERT INTO t VALUES ('kept')");
      assert.throws(() =>
        conn.transaction(() => {
          conn.run("INSERT INTO t VALUES ('inner, rolled back')");
          throw new Error('inner');
        }),
      );
      conn.transaction(() => conn.run("INSERT INTO t VALUES ('inner, kept')"));
      return 42;
    });
    assert.equal(value, 42);
    assert.throws(
      () =>
        conn.transaction(() => {
          conn.run("INSERT INTO t VALUES ('outer, rolled back')");
          throw new Error('outer');
        }),
      /outer/,
    );
    assert.deepEqual(conn.query('SELECT v FROM t').map((r) => r.v), ['kept', 'inner, kept']);
    assert.equal(conn.inTransaction, false);
    databases.close();
  });

  it('refuses a non-async function that returns a promise, leaving nothing open', () => {
    const { databases, conn } = open();
    conn.exec('CREATE TABLE t (v TEXT)');
    assert.throws(() => conn.transaction(() => Promise.resolve(conn.run("INSERT INTO t VALUES ('x')"))), /declare it `async`/);
    assert.equal(conn.inTransaction, false);
    assert.deepEqual(conn.query('SELECT v FROM t'), []);
    databases.close();
  });

  it('runs async transactions one at a time and refuses writes from outside an open one', async () => {
    const { databases, conn } = open();
    conn.exec('CREATE TABLE t (v TEXT)');
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = conn.transaction(async () => {
      order.push('first start');
      conn.run("INSERT INTO t VALUES ('first')");
      await gate;
      await conn.transaction(async () => conn.run("INSERT INTO t VALUES ('first nested')"));
      order.push('first end');
    });
    const second = conn.transaction(async () => {
      order.push('second start');
      conn.run("INSERT INTO t VALUES ('second')");
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.throws(() => conn.run("INSERT INTO t VALUES ('from elsewhere')"), TransactionManagementError);
    assert.throws(() => conn.transaction(() => undefined), TransactionManagementError);
    assert.deepEqual(conn.query('SELECT v FROM t'), [{ v: 'first' }], 'reads still run');
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first start', 'first end', 'second start']);
    assert.deepEqual(conn.query('SELECT v FROM t').map((r) => r.v), ['first', 'first nested', 'second']);
    await assert.rejects(
      conn.transaction(async () => {
        conn.run("INSERT INTO t VALUES ('rolled back')");
        throw new Error('async failure');
      }),
      /async failure/,
    );
    assert.equal(conn.query('SELECT v FROM t').length, 3);
    databases.close();
  });

  it('hold() gives async work the connection to itself, outside any transaction', async () => {
    const { databases, conn } = open();
    conn.exec('CREATE TABLE t (v TEXT)');
    const order: string[] = [];
    const slow = conn.hold(async () => {
      assert.equal(conn.inTransaction, false);
      conn.run("INSERT INTO t VALUES ('autocommitted')");
      await new Promise((resolve) => setTimeout(resolve, 20));
      await assert.rejects(
        conn.transaction(async () => {
          conn.run("INSERT INTO t VALUES ('rolled back')");
          throw new Error('view failed');
        }),
      );
      order.push('slow');
    });
    const fast = conn.transaction(async () => void order.push('fast'));
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ['slow', 'fast']);
    assert.deepEqual(conn.query('SELECT v FROM t'), [{ v: 'autocommitted' }]);
    databases.close();
  });
});

describe('Databases', () => {
  it('explains a missing DATABASES, an unknown alias or engine, and a missing directory', () => {
    const none = new Databases({ DATABASES: {}, BASE_DIR: dir });
    assert.equal(none.configured, false);
    assert.throws(() => none.get(), (e: unknown) => e instanceof ImproperlyConfigured && /DATABASES is not configured/.test(e.message));
    const some = new Databases({
      DATABASES: { default: { ENGINE: 'postgresql', NAME: 'x' }, other: { ENGINE: 'sqlite', NAME: 'nowhere/db.sqlite3' } },
      BASE_DIR: dir,
    });
    assert.throws(() => some.get('missing'), /The connection 'missing' doesn't exist\./);
    assert.throws(() => some.get(), /'postgresql' isn't an available database backend/);
    assert.throws(() => some.get('other').query('SELECT 1'), /the directory .*nowhere does not exist/);
  });

  it('accepts :memory:', () => {
    const databases = new Databases({ DATABASES: { default: { ENGINE: 'sqlite', NAME: ':memory:' } }, BASE_DIR: dir });
    assert.deepEqual(databases.get().get('SELECT 1 AS one'), { one: 1 });
    databases.close();
  });
});

describe('db()', () => {
  it('finds the databases of the running request or command', async () => {
    assert.throws(() => db(), /db\(\) was called outside a request or a manage command/);
    const { databases } = open();
    const value = runWithDatabases(databases, () => db().get<{ one: number }>('SELECT 1 AS one')!.one);
    assert.equal(value, 1);
    const settings = { DATABASES: { default: { ENGINE: 'sqlite', NAME: 'scoped.sqlite3' } }, BASE_DIR: dir };
    const opened = await withDatabases(settings, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      connection().exec('CREATE TABLE t (id INTEGER)');
      return connection();
    });
    assert.equal(opened.isOpen, false, 'withDatabases closes what it opened');
    databases.close();
  });
});
