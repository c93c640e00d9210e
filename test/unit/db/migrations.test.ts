import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { checkMigrations } from '../../../src/checks/builtin/migrations.js';
import { Databases } from '../../../src/db/databases.js';
import { MigrationFailed, type Target } from '../../../src/db/migrations/executor.js';
import { loadProjectMigrations, migrationByPrefix } from '../../../src/db/migrations/project.js';
import { MigrationRecorder } from '../../../src/db/migrations/recorder.js';
import { applyMigrations, dbProject, type DbProject } from '../../helpers/db-project.js';

let project: DbProject | undefined;
let databases: Databases | undefined;
afterEach(() => {
  databases?.close();
  project?.cleanup();
  project = undefined;
  databases = undefined;
});

/** `manage migrate` in-process, on the test's project. */
async function migrate(p: DbProject, targets?: Target[]): Promise<string[]> {
  databases ??= new Databases(p.settings);
  return applyMigrations(p.settings, p.loader, databases, targets);
}

const tables = (): string[] =>
  databases!
    .get()
    .query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .map((r) => r.name);

const BLOG = {
  'blog/migrations/0001_initial.sql': 'CREATE TABLE blog_post (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\n-- migrate:down\nDROP TABLE blog_post;\n',
  'blog/migrations/0002_comments.sql':
    'CREATE TABLE blog_comment (id INTEGER PRIMARY KEY, post_id INTEGER NOT NULL REFERENCES blog_post (id));\n-- migrate:down\nDROP TABLE blog_comment;\n',
};
const POLLS = {
  // Listed before blog in INSTALLED_APPS but needs blog's comments table.
  'polls/migrations/0001_initial.ts': [
    "import type { Connection } from 'managets';",
    "export const dependencies = [['blog', '0002_comments']];",
    "export function up(db: Connection) { db.exec('CREATE TABLE polls_poll (id INTEGER PRIMARY KEY, comment_id INTEGER REFERENCES blog_comment (id))'); }",
    "export function down(db: Connection) { db.exec('DROP TABLE polls_poll'); }",
  ].join('\n'),
};

describe('migrate', () => {
  it('applies in dependency order across apps and records each migration', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files: { ...BLOG, ...POLLS } });
    assert.deepEqual(await migrate(project), ['+blog.0001_initial', '+blog.0002_comments', '+polls.0001_initial']);
    assert.deepEqual(tables(), ['blog_comment', 'blog_post', 'managets_migrations', 'polls_poll']);
    const rows = databases!.get().query<{ app: string; name: string; applied: string }>('SELECT app, name, applied FROM managets_migrations');
    assert.deepEqual(rows.map((r) => `${r.app}.${r.name}`), ['blog.0001_initial', 'blog.0002_comments', 'polls.0001_initial']);
    assert.ok(rows.every((r) => !Number.isNaN(Date.parse(r.applied))));
    assert.deepEqual(await migrate(project), [], 'nothing left to apply');
  });

  it('unapplies to an earlier migration or zero, dependents in other apps first', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files: { ...BLOG, ...POLLS } });
    await migrate(project);
    assert.deepEqual(await migrate(project, [['blog', '0001_initial']]), ['-polls.0001_initial', '-blog.0002_comments']);
    assert.deepEqual(tables(), ['blog_post', 'managets_migrations']);
    assert.deepEqual(await migrate(project, [['blog', null]]), ['-blog.0001_initial']);
    assert.deepEqual(tables(), ['managets_migrations']);
    assert.deepEqual(await migrate(project, [['polls', '0001_initial']]), ['+blog.0001_initial', '+blog.0002_comments', '+polls.0001_initial']);
  });

  it('refuses to unapply an irreversible migration before undoing anything', async () => {
    project = dbProject({
      apps: ['blog'],
      files: { ...BLOG, 'blog/migrations/0001_initial.sql': 'CREATE TABLE blog_post (id INTEGER PRIMARY KEY, title TEXT);\n' },
    });
    await migrate(project);
    await assert.rejects(migrate(project, [['blog', null]]), /Cannot unapply blog\.0001_initial: not reversible .* Nothing was unapplied\./);
    assert.deepEqual(tables(), ['blog_comment', 'blog_post', 'managets_migrations']);
  });

  it('rolls a failing SQL migration back completely and names its file, line and statement', async () => {
    project = dbProject({
      apps: ['blog'],
      files: {
        ...BLOG,
        'blog/migrations/0003_tags.sql': "CREATE TABLE blog_tag (id INTEGER PRIMARY KEY, name TEXT);\n\nINSERT INTO blog_tag (name)\n  VALUES ('a', 'b');\n",
      },
    });
    const error = await migrate(project).then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof MigrationFailed);
    assert.equal(error.code, 'MANAGE_ERR_MIGRATION');
    assert.match(error.message, /^Applying blog\.0003_tags failed and was rolled back: nothing of it was applied\./);
    assert.match(error.message, /File: .*blog\/migrations\/0003_tags\.sql, line 3/);
    assert.match(error.message, /Statement: INSERT INTO blog_tag \(name\)\n {15}VALUES \('a', 'b'\)/);
    assert.match(error.message, /Error: SqliteError: 2 values for 1 columns/);
    assert.deepEqual(tables(), ['blog_comment', 'blog_post', 'managets_migrations'], 'blog_tag does not exist');
    const recorded = [...new MigrationRecorder(databases!.get()).applied().keys()];
    assert.deepEqual(recorded, ['blog.0001_initial', 'blog.0002_comments']);
  });

  it('rolls back a failing TypeScript migration and names the line that threw', async () => {
    project = dbProject({
      apps: ['blog'],
      files: {
        'blog/migrations/0001_initial.ts': [
          "import type { Connection } from 'managets';",
          'export function up(db: Connection) {',
          "  db.exec('CREATE TABLE blog_post (id INTEGER PRIMARY KEY)');",
          "  throw new Error('backfill failed');",
          '}',
        ].join('\n'),
      },
    });
    await assert.rejects(migrate(project), /0001_initial\.ts:4:\d+\n {2}Error: Error: backfill failed/);
    assert.deepEqual(tables(), ['managets_migrations']);
  });

  it('checks foreign keys before committing', async () => {
    project = dbProject({
      apps: ['blog'],
      files: { ...BLOG, 'blog/migrations/0003_orphans.sql': 'INSERT INTO blog_comment (id, post_id) VALUES (1, 42);\n' },
    });
    await assert.rejects(migrate(project), /Foreign key check failed: row 1 of table blog_comment references a missing row of blog_post/);
    assert.deepEqual(databases!.get().query('SELECT * FROM blog_comment'), []);
    assert.deepEqual(databases!.get().get('PRAGMA foreign_keys'), { foreign_keys: 1 }, 'foreign keys are back on');
  });

  it('reports an applied migration whose dependency is not applied', async () => {
    project = dbProject({ apps: ['blog'], files: BLOG });
    await migrate(project);
    databases!.get().run("DELETE FROM managets_migrations WHERE name = '0001_initial'");
    await assert.rejects(migrate(project), /Migration blog\.0002_comments is applied before its dependency blog\.0001_initial on database 'default'\./);
  });

  it('applies managets.contrib.auth’s migration', async () => {
    project = dbProject({ apps: ['managets.contrib.auth'] });
    assert.deepEqual(await migrate(project), ['+auth.0001_initial']);
    assert.ok(tables().includes('auth_user'));
  });

  it('finds a migration by a unique prefix', async () => {
    project = dbProject({ apps: ['blog'], files: { ...BLOG, 'blog/migrations/0003_comments_index.sql': 'SELECT 1;' } });
    const loaded = await loadProjectMigrations(project.settings, project.loader);
    assert.equal(migrationByPrefix(loaded, 'blog', '0001'), '0001_initial');
    assert.throws(() => migrationByPrefix(loaded, 'blog', '000'), /More than one migration matches '000' in app 'blog'\. Please be more specific\./);
    assert.throws(() => migrationByPrefix(loaded, 'blog', '9'), /Cannot find a migration matching '9' from app 'blog'\./);
  });
});

describe('migration checks', () => {
  it('report unloadable files, missing dependencies, conflicts and cycles with ids', async () => {
    project = dbProject({
      apps: ['blog', 'polls'],
      files: {
        ...BLOG,
        'blog/migrations/0002_other.sql': 'SELECT 1;',
        'blog/migrations/0003_broken.sql': "SELECT 'unterminated;\n",
        'polls/migrations/0001_initial.ts': 'export function up( {',
        'polls/migrations/0002_needs.sql': '-- migrate:depends auth.0001_initial\nSELECT 1;',
        'polls/migrations/0003_a.ts': "export const dependencies = [['polls', '0004_b']];\nexport function up() {}",
        'polls/migrations/0004_b.ts': 'export function up() {}',
      },
    });
    const messages = await checkMigrations({ settings: project.settings, loader: project.loader });
    const byId = messages.map((m) => `${m.id} ${String(m.obj)}`).sort();
    assert.deepEqual(byId, [
      `migrations.E001 ${project.dir}/blog/migrations/0003_broken.sql`,
      `migrations.E001 ${project.dir}/polls/migrations/0001_initial.ts`,
      'migrations.E002 polls.0002_needs',
      'migrations.E003 blog',
      'migrations.E004 polls.0003_a',
    ]);
    const conflict = messages.find((m) => m.id === 'migrations.E003')!;
    assert.equal(conflict.msg, 'Conflicting migrations detected; multiple leaf nodes in the migration graph: (0002_comments, 0002_other in blog).');
    assert.match(conflict.hint!, /manage makemigrations blog --empty --name merge/);
    assert.match(messages.find((m) => m.id === 'migrations.E002')!.msg, /reference nonexistent parent node \('auth', '0001_initial'\)/);
  });

  it('find nothing wrong in a sound project', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files: { ...BLOG, ...POLLS } });
    assert.deepEqual(await checkMigrations({ settings: project.settings, loader: project.loader }), []);
  });
});
