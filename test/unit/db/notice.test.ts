import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { Databases } from '../../../src/db/databases.js';
import { MigrationRecorder } from '../../../src/db/migrations/recorder.js';
import { unappliedMigrationsNotice } from '../../../src/db/migrations/notice.js';
import { dbProject, type DbProject } from '../../helpers/db-project.js';

let project: DbProject | undefined;
afterEach(() => project?.cleanup());

const files = {
  'polls/migrations/0001_initial.sql': 'SELECT 1;',
  'blog/migrations/0001_initial.sql': 'SELECT 1;',
  'blog/migrations/0002_more.ts': 'export function up() {}',
};

function record(p: DbProject, ...keys: Array<[string, string]>): void {
  const databases = new Databases(p.settings);
  const recorder = new MigrationRecorder(databases.get());
  for (const [app, name] of keys) recorder.recordApplied(app, name);
  databases.close();
}

describe('unappliedMigrationsNotice', () => {
  it('counts every migration and names the apps, sorted, when two apps have unapplied ones', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files });
    record(project);
    assert.deepEqual(await unappliedMigrationsNotice(project.settings, project.loader), [
      'You have 3 unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): blog, polls.',
      "Run 'manage migrate' to apply them.",
    ]);
  });

  it('names one app when only its migrations are unapplied', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files });
    record(project, ['blog', '0001_initial'], ['blog', '0002_more']);
    assert.deepEqual(await unappliedMigrationsNotice(project.settings, project.loader), [
      'You have 1 unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): polls.',
      "Run 'manage migrate' to apply them.",
    ]);
  });

  it('says nothing when everything is applied or there is no database', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files });
    record(project, ['blog', '0001_initial'], ['blog', '0002_more'], ['polls', '0001_initial']);
    assert.deepEqual(await unappliedMigrationsNotice(project.settings, project.loader), []);
    project.cleanup();
    project = dbProject({ apps: ['polls', 'blog'], files, databases: null });
    assert.deepEqual(await unappliedMigrationsNotice(project.settings, project.loader), []);
  });

  it('counts a missing database file as nothing applied, without creating it', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files });
    const lines = await unappliedMigrationsNotice(project.settings, project.loader);
    assert.match(lines[0]!, /^You have 3 unapplied migration\(s\)/);
    assert.equal(existsSync(project.dbFile), false);
  });

  it('reads a read-only database file, and stays silent on one that is not a database', async () => {
    project = dbProject({ apps: ['polls', 'blog'], files });
    record(project, ['polls', '0001_initial']);
    chmodSync(project.dbFile, 0o444);
    const lines = await unappliedMigrationsNotice(project.settings, project.loader);
    assert.match(lines[0]!, /^You have 2 unapplied migration\(s\).*app\(s\): blog\.$/);
    chmodSync(project.dbFile, 0o644);
    writeFileSync(project.dbFile, 'this is not an SQLite database, just text that is long enough to have a header');
    assert.deepEqual(await unappliedMigrationsNotice(project.settings, project.loader), []);
  });
});
