/**
 * The database commands, black-box: `manage migrate`, `showmigrations`, `makemigrations`,
 * `dbshell`, `createsuperuser` and `changepassword` in a copy of test/fixtures/db-project/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { checkPassword } from '../../src/contrib/auth/hashers.js';
import { Databases } from '../../src/db/databases.js';
import { cleanEnv, ProcessPool, runManage } from '../helpers/spawn-cli.js';
import { FIXTURES, tmpProject } from '../helpers/tmp-project.js';

let project: { dir: string; cleanup(): void };
beforeEach(() => (project = tmpProject('db-project')));
afterEach(() => project.cleanup());
const pool = new ProcessPool();
after(() => pool.killAll());

const manage = (args: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}) =>
  runManage(args, { cwd: project.dir, env: cleanEnv(options.env), ...(options.input === undefined ? {} : { input: options.input }) });

/** Reads the fixture's database directly. */
function query<T>(sql: string, params: unknown[] = []): T[] {
  const databases = new Databases({ DATABASES: { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } }, BASE_DIR: project.dir });
  try {
    return databases.get().query<T>(sql, params);
  } finally {
    databases.close();
  }
}
const tables = () => query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r.name);

const hasProgram = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('manage migrate', () => {
  it("applies every app's migrations in dependency order with Django's output", async () => {
    const result = await manage(['migrate']);
    assert.equal(result.stderr, '');
    assert.equal(
      result.stdout,
      [
        'Operations to perform:',
        '  Apply all migrations: auth, blog, polls',
        'Running migrations:',
        '  Applying auth.0001_initial... OK',
        '  Applying blog.0001_initial... OK',
        '  Applying blog.0002_comments... OK',
        '  Applying polls.0001_initial... OK',
        '',
      ].join('\n'),
    );
    assert.equal(result.code, 0);
    assert.deepEqual(tables(), ['auth_user', 'blog_comment', 'blog_post', 'managets_migrations', 'polls_question']);
    const again = await manage(['migrate']);
    assert.match(again.stdout, /Running migrations:\n {2}No migrations to apply\.\n$/);
  });

  it('shows the plan without running it', async () => {
    const result = await manage(['migrate', 'polls', '--plan']);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      [
        'Planned operations:',
        'auth.0001_initial',
        '    Raw SQL operation -> CREATE TABLE auth_user (    id INTE…',
        'blog.0001_initial',
        '    Raw SQL operation -> CREATE TABLE blog_post (    id INTE…',
        'polls.0001_initial',
        '    Raw TypeScript operation',
        '',
      ].join('\n'),
    );
    assert.equal(existsSync(path.join(project.dir, 'db.sqlite3')) && tables().length > 0, false);
  });

  it('unapplies to zero, dependents in other apps first, and lists [X]/[ ] with showmigrations', async () => {
    await manage(['migrate']);
    const result = await manage(['migrate', 'blog', 'zero']);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      [
        'Operations to perform:',
        '  Unapply all migrations: blog',
        'Running migrations:',
        '  Unapplying blog.0002_comments... OK',
        '  Unapplying polls.0001_initial... OK',
        '  Unapplying blog.0001_initial... OK',
        '',
      ].join('\n'),
    );
    const shown = await manage(['showmigrations']);
    assert.equal(shown.stdout, 'auth\n [X] 0001_initial\nblog\n [ ] 0001_initial\n [ ] 0002_comments\npolls\n [ ] 0001_initial\n');
    const targeted = await manage(['migrate', 'blog', '0001']);
    assert.match(targeted.stdout, /Target specific migration: 0001_initial, from blog\nRunning migrations:\n {2}Applying blog\.0001_initial\.\.\. OK\n$/);
  });

  it('rolls back a failing migration, names file and statement, and exits 1', async () => {
    writeFileSync(
      path.join(project.dir, 'blog', 'migrations', '0003_tags.sql'),
      "CREATE TABLE blog_tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\nINSERT INTO blog_tag (name) VALUES (NULL);\n",
    );
    const result = await manage(['migrate']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, / {2}Applying blog\.0002_comments\.\.\. OK\n {2}Applying blog\.0003_tags\.\.\. FAILED\n$/);
    assert.equal(
      result.stderr,
      [
        'CommandError: Applying blog.0003_tags failed and was rolled back: nothing of it was applied.',
        `  File: ${path.join(project.dir, 'blog', 'migrations', '0003_tags.sql')}, line 2`,
        '  Statement: INSERT INTO blog_tag (name) VALUES (NULL)',
        '  Error: SqliteError: NOT NULL constraint failed: blog_tag.name',
        '',
      ].join('\n'),
    );
    assert.equal(tables().includes('blog_tag'), false);
    assert.deepEqual(query("SELECT name FROM managets_migrations WHERE app = 'blog' ORDER BY id"), [
      { name: '0001_initial' },
      { name: '0002_comments' },
    ]);
  });

  it("gives Django's errors for unknown apps and migrations", async () => {
    assert.equal((await manage(['migrate', 'nope'])).stderr, "CommandError: No installed app with label 'nope'.\n");
    assert.equal(
      (await manage(['migrate', 'blog', '0009'])).stderr,
      "CommandError: Cannot find a migration matching '0009' from app 'blog'.\n",
    );
  });

  it('refuses to run, like check, when migrations conflict', async () => {
    writeFileSync(path.join(project.dir, 'blog', 'migrations', '0002_other.sql'), 'SELECT 1;\n');
    const check = await manage(['check']);
    assert.equal(check.code, 1);
    assert.match(check.stderr, /blog: \(migrations\.E003\) Conflicting migrations detected; multiple leaf nodes in the migration graph: \(0002_comments, 0002_other in blog\)\./);
    const migrate = await manage(['migrate']);
    assert.equal(migrate.code, 1);
    assert.match(migrate.stderr, /^CommandError: Conflicting migrations detected/);
    assert.equal(existsSync(path.join(project.dir, 'db.sqlite3')), false);
  });
});

describe('manage runserver', () => {
  const serve = async () => {
    const server = pool.start(['runserver', '--noreload', '127.0.0.1:0'], { cwd: project.dir, env: cleanEnv() });
    await server.ready();
    await server.stop();
    return server.stdout;
  };

  it('warns about unapplied migrations after the check report, and not once they are applied', async () => {
    assert.match(
      await serve(),
      new RegExp(
        '^Performing system checks\\.\\.\\.\\n\\nSystem check identified no issues \\(0 silenced\\)\\.\\n\\n' +
          'You have 4 unapplied migration\\(s\\)\\. Your project may not work properly until you apply the migrations for app\\(s\\): auth, blog, polls\\.\\n' +
          "Run 'manage migrate' to apply them\\.\\n[A-Z][a-z]+ \\d{2}, \\d{4} - ",
      ),
    );
    assert.equal(existsSync(path.join(project.dir, 'db.sqlite3')), false, 'the check does not create the database');
    await manage(['migrate']);
    assert.doesNotMatch(await serve(), /unapplied/);
  });
});

describe('the database driver', () => {
  const probe = `--import=${fileURLToPath(new URL('../helpers/report-better-sqlite3.mjs', import.meta.url))}`;

  it('is not loaded by a project without DATABASES, nor by commands that do not open the database', async () => {
    const basic = await runManage(['check'], { cwd: path.join(FIXTURES, 'basic'), env: cleanEnv({ NODE_OPTIONS: probe }) });
    assert.equal(basic.code, 0);
    assert.doesNotMatch(basic.stderr, /better-sqlite3 loaded/);
    const check = await manage(['check'], { env: { NODE_OPTIONS: probe } });
    assert.doesNotMatch(check.stderr, /better-sqlite3 loaded/);
    const migrate = await manage(['migrate'], { env: { NODE_OPTIONS: probe } });
    assert.match(migrate.stderr, /better-sqlite3 loaded/);
  });
});

describe('manage shell', () => {
  it('has db() for the project database', async () => {
    await manage(['migrate']);
    const result = await manage(['shell', '-c', "console.log(db().get('SELECT count(*) AS n FROM managets_migrations').n)"]);
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, '4\n', '']);
  });
});

describe('manage makemigrations', () => {
  it('writes the next numbered empty migration', async () => {
    const result = await manage(['makemigrations', 'blog', '--empty', '--name', 'tags']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, "Migrations for 'blog':\n  blog/migrations/0003_tags.sql\n");
    const text = readFileSync(path.join(project.dir, 'blog', 'migrations', '0003_tags.sql'), 'utf8');
    assert.match(text, /-- migrate:down/);
    const ts = await manage(['makemigrations', 'polls', '--empty', '--format', 'ts']);
    assert.match(ts.stdout, /^Migrations for 'polls':\n {2}polls\/migrations\/0002_auto_\d{8}_\d{4}\.ts\n$/);
    const migrated = await manage(['migrate']);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /Applying blog\.0003_tags\.\.\. OK/);
  });

  it('says there is nothing to detect without --empty, and needs an app with it', async () => {
    assert.match((await manage(['makemigrations'])).stdout, /^No changes detected\n/);
    assert.equal((await manage(['makemigrations', '--empty'])).stderr, 'CommandError: You must supply at least one app label when using --empty.\n');
  });
});

describe('manage dbshell', { skip: !hasProgram('sqlite3') && 'sqlite3 is not installed' }, () => {
  it('runs the sqlite3 shell on the database, passing parameters through', async () => {
    await manage(['migrate']);
    const result = await manage(['dbshell', '--', "SELECT name FROM managets_migrations WHERE app = 'polls'"]);
    assert.deepEqual([result.code, result.stdout], [0, '0001_initial\n']);
  });
});

describe('manage dbshell without sqlite3', () => {
  it('says the program is missing', async () => {
    const result = await manage(['dbshell'], { env: { PATH: '/nonexistent' } });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "CommandError: You appear not to have the 'sqlite3' program installed or on your path.\n");
  });
});

describe('manage createsuperuser', () => {
  it('--noinput takes the username, password and email from the environment', async () => {
    await manage(['migrate']);
    const env = { MANAGE_SUPERUSER_USERNAME: 'admin', MANAGE_SUPERUSER_PASSWORD: 'tide-pool-lantern', MANAGE_SUPERUSER_EMAIL: 'admin@Example.COM' };
    const result = await manage(['createsuperuser', '--noinput'], { env });
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, 'Superuser created successfully.\n', '']);
    const [user] = query<{ username: string; email: string; is_superuser: number; is_staff: number; password: string }>(
      'SELECT username, email, is_superuser, is_staff, password FROM auth_user',
    );
    assert.deepEqual({ ...user, password: undefined }, { username: 'admin', email: 'admin@example.com', is_superuser: 1, is_staff: 1, password: undefined });
    assert.equal((await checkPassword('tide-pool-lantern', user!.password)).valid, true);
    const again = await manage(['createsuperuser', '--noinput'], { env });
    assert.deepEqual([again.code, again.stderr], [1, 'CommandError: Error: That username is already taken.\n']);
  });

  it("--noinput gives Django's errors for missing fields, and the command needs the migration", async () => {
    assert.equal((await manage(['createsuperuser', '--noinput'])).stderr, "CommandError: The auth_user table does not exist yet. Run 'manage migrate' first.\n");
    await manage(['migrate']);
    assert.equal((await manage(['createsuperuser', '--noinput'])).stderr, 'CommandError: You must use --username with --noinput.\n');
    assert.equal(
      (await manage(['createsuperuser', '--noinput', '--username', 'admin'])).stderr,
      'CommandError: You must use --email with --noinput.\n',
    );
  });

  it('skips the questions when stdin is not a terminal', async () => {
    await manage(['migrate']);
    const result = await manage(['createsuperuser'], { input: '' });
    assert.deepEqual(
      [result.code, result.stdout],
      [0, 'Superuser creation skipped due to not running in a TTY. You can run `manage createsuperuser` in your project to create one manually.\n'],
    );
  });

  it('asks on a terminal, hiding the password, and validates it', { skip: !hasProgram('script') && 'util-linux script is not installed' }, async () => {
    await manage(['migrate']);
    const shell = pool.start(['createsuperuser'], { cwd: project.dir, env: cleanEnv(), terminal: true });
    const answer = async (prompt: RegExp, text: string) => {
      const before = shell.stdout.length;
      await shell.waitFor(prompt, 15_000, 'stdout').catch((error: Error) => assert.fail(`${error.message} (after ${before})`));
      shell.child.stdin!.write(`${text}\r`);
    };
    await answer(/Username( \(leave blank to use '[^']*'\))?: /, 'carol');
    await answer(/Email address: /, 'carol@example.com');
    await answer(/Password: /, 'short');
    await answer(/Password \(again\): /, 'short');
    await answer(/Bypass password validation and create user anyway\? \[y\/N\]: /, 'N');
    await shell.waitFor(/too short[\s\S]*Password: $/, 15_000, 'stdout');
    shell.child.stdin!.write('long-enough-pw\r');
    await answer(/Password \(again\): $/, 'long-enough-pw');
    await shell.waitFor(/Superuser created successfully\./, 15_000, 'stdout');
    assert.match(shell.stdout, /This password is too short\. It must contain at least 8 characters\./);
    assert.doesNotMatch(shell.stdout, /short\r|long-enough-pw/, 'passwords are not echoed');
    assert.deepEqual(query('SELECT username, email FROM auth_user'), [{ username: 'carol', email: 'carol@example.com' }]);
  });
});

describe('manage changepassword', () => {
  it('sets the password after asking twice', async () => {
    await manage(['migrate']);
    await manage(['createsuperuser', '--noinput'], { env: { MANAGE_SUPERUSER_USERNAME: 'admin', MANAGE_SUPERUSER_EMAIL: 'a@example.com' } });
    const result = await manage(['changepassword', 'admin'], { input: 'first-choice-1\nsecond-choice\nnew-password-1\nnew-password-1\n' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      "Changing password for user 'admin'\nPassword: \nPassword (again): \nPasswords do not match. Please try again.\nPassword: \nPassword (again): \nPassword changed successfully for user 'admin'\n",
    );
    const [{ password }] = query<{ password: string }>('SELECT password FROM auth_user');
    assert.equal((await checkPassword('new-password-1', password)).valid, true);
    assert.equal((await manage(['changepassword', 'nobody'])).stderr, "CommandError: user 'nobody' does not exist\n");
  });
});
