import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitStatements, SqlSyntaxError } from '../../../src/db/sql.js';
import { parseSqlMigration } from '../../../src/db/migrations/sql-file.js';

describe('splitStatements', () => {
  it('splits on semicolons outside quotes and comments, with each statement’s first line', () => {
    const script = "-- a comment; not a statement\nINSERT INTO t VALUES ('a;b', \"c;d\");\n\n/* x; */ SELECT [e;f] FROM t -- trailing; comment\n;";
    assert.deepEqual(splitStatements(script), [
      { text: "INSERT INTO t VALUES ('a;b', \"c;d\")", line: 2 },
      { text: 'SELECT [e;f] FROM t -- trailing; comment', line: 4 },
    ]);
  });

  it('keeps a trigger body with CASE ... END in one statement', () => {
    const script = [
      'CREATE TEMP TRIGGER t AFTER INSERT ON p BEGIN',
      "  UPDATE p SET title = CASE WHEN new.title = '' THEN 'untitled' ELSE new.title END WHERE id = new.id;",
      '  DELETE FROM q;',
      'END;',
      'SELECT 1;',
    ].join('\n');
    const statements = splitStatements(script);
    assert.equal(statements.length, 2);
    assert.match(statements[0]!.text, /^CREATE TEMP TRIGGER[\s\S]*END$/);
    assert.deepEqual(statements[1], { text: 'SELECT 1', line: 5 });
  });

  it('handles escaped quotes, empty statements and a last statement without a semicolon', () => {
    assert.deepEqual(
      splitStatements(";;SELECT 'it''s';\n SELECT 2").map((s) => s.text),
      ["SELECT 'it''s'", 'SELECT 2'],
    );
  });

  it('reports unterminated strings, comments and blocks with their line', () => {
    assert.throws(() => splitStatements("SELECT 1;\nSELECT 'oops"), (error: unknown) => error instanceof SqlSyntaxError && error.line === 2);
    assert.throws(() => splitStatements('/* never closed'), /Unterminated \/\* comment \(line 1\)/);
    assert.throws(() => splitStatements('CREATE TRIGGER t AFTER INSERT ON p BEGIN DELETE FROM q;'), /Unterminated BEGIN/);
  });
});

describe('parseSqlMigration', () => {
  it('reads dependencies, up and down sections, keeping file line numbers', () => {
    const parsed = parseSqlMigration(
      '-- migrate:depends auth.0001_initial, polls.0002_x\nCREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;\n',
    );
    assert.deepEqual(parsed.dependencies, [['auth', '0001_initial'], ['polls', '0002_x']]);
    assert.deepEqual(parsed.up, [{ text: 'CREATE TABLE a (id INTEGER)', line: 2 }]);
    assert.deepEqual(parsed.down, [{ text: 'DROP TABLE a', line: 4 }]);
  });

  it('has no down section when the file has no marker, and rejects unknown directives', () => {
    assert.equal(parseSqlMigration('SELECT 1;').down, undefined);
    assert.throws(() => parseSqlMigration('-- migrate:sideways\n'), /unknown directive/);
    assert.throws(() => parseSqlMigration('-- migrate:depends auth\n'), /not a migration reference/);
  });
});
