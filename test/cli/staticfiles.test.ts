import assert from 'node:assert/strict';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { cleanEnv, ProcessPool, runManage } from '../helpers/spawn-cli.js';
import { tmpProject } from '../helpers/tmp-project.js';

const DUPLICATE =
  "Found another file with the destination path 'css/site.css'. It will be ignored since only the first encountered file is collected. " +
  'If this is not what you want, make sure every static file has a unique path.';

/** Files below a folder as sorted relative paths. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .sort();
}

/** A fresh copy of the fixture; `dir` is its real path, as the commands print it. */
function createProject() {
  const copy = tmpProject('static-project');
  return { dir: realpathSync(copy.dir), cleanup: copy.cleanup };
}

describe('collectstatic', () => {
  let project: ReturnType<typeof createProject>;
  let collected: string;
  const pool = new ProcessPool();
  const manage = (...args: string[]) => runManage(args, { cwd: project.dir });

  beforeEach(() => {
    project = createProject();
    collected = path.join(project.dir, 'collected');
  });
  afterEach(() => project.cleanup());
  after(() => pool.killAll());

  it('copies every found file once, first root wins, with Django summary', async () => {
    const result = await manage('collectstatic', '--noinput');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${DUPLICATE}\n\n4 static files copied to '${collected}'.\n`);
    assert.equal(result.stderr, '');
    assert.deepEqual(tree(collected), ['blog/app.js', 'css/site.css', 'robots.txt', 'shop/logo.svg']);
    assert.equal(readFileSync(path.join(collected, 'css/site.css'), 'utf8'), 'body { margin: 0; }\n');
  });

  it('skips unmodified files on the next run and recopies a changed one', async () => {
    await manage('collectstatic', '--noinput');
    const again = await manage('collectstatic', '--noinput', '-v', '2');
    assert.match(again.stdout, /Skipping 'robots\.txt' \(not modified\)/);
    assert.match(again.stdout, new RegExp(`\n0 static files copied to '${collected}', 4 unmodified\\.\n$`));
    const source = path.join(project.dir, 'assets', 'robots.txt');
    writeFileSync(source, 'User-agent: changed\n');
    const future = new Date(Date.now() + 10_000);
    utimesSync(source, future, future);
    const third = await manage('collectstatic', '--no-input');
    assert.match(third.stdout, new RegExp(`\n1 static file copied to '${collected}', 3 unmodified\\.\n$`));
    assert.equal(readFileSync(path.join(collected, 'robots.txt'), 'utf8'), 'User-agent: changed\n');
  });

  it('--clear deletes what is there first', async () => {
    await manage('collectstatic', '--noinput');
    writeFileSync(path.join(collected, 'stale.txt'), 'old');
    const result = await manage('collectstatic', '--noinput', '--clear');
    assert.match(result.stdout, /^Deleting 'robots\.txt'\nDeleting 'stale\.txt'\nDeleting 'blog\/app\.js'\n/);
    assert.match(result.stdout, new RegExp(`\n4 static files copied to '${collected}'\\.\n$`));
    assert.ok(!existsSync(path.join(collected, 'stale.txt')));
  });

  it('--dry-run reports without touching the filesystem', async () => {
    const result = await manage('collectstatic', '--noinput', '--dry-run');
    assert.match(result.stdout, new RegExp(`^Pretending to copy '${project.dir}/assets/robots\\.txt'\n`));
    assert.match(result.stdout, new RegExp(`\n4 static files copied to '${collected}'\\.\n$`));
    assert.ok(!existsSync(collected));
  });

  it('--link makes symlinks to the sources', async () => {
    const result = await manage('collectstatic', '--noinput', '--link');
    assert.match(result.stdout, new RegExp(`\n4 static files symlinked to '${collected}'\\.\n$`));
    assert.ok(lstatSync(path.join(collected, 'css/site.css')).isSymbolicLink());
    const copied = await manage('collectstatic', '--noinput');
    assert.match(copied.stdout, /\n4 static files copied to/, 'links are replaced by copies');
  });

  it('-v 0 prints nothing', async () => {
    const result = await manage('collectstatic', '--noinput', '-v', '0');
    assert.equal(result.stdout, '');
    assert.equal(result.code, 0);
  });

  it("asks before overwriting, and 'no' cancels", async () => {
    await manage('collectstatic', '--noinput');
    const child = pool.start(['collectstatic'], { cwd: project.dir, env: cleanEnv() });
    await child.waitFor(/Type 'yes' to continue, or 'no' to cancel: $/);
    child.child.stdin!.end('no\n');
    const { code } = await child.exited;
    assert.equal(code, 1);
    assert.equal(
      child.stdout,
      '\nYou have requested to collect static files at the destination\nlocation as specified in your settings:\n\n' +
        `    ${collected}\n\nThis will overwrite existing files!\nAre you sure you want to do this?\n\nType 'yes' to continue, or 'no' to cancel: `,
    );
    assert.equal(child.stderr, 'CommandError: Collecting static files cancelled.\n');
  });

  it("'yes' proceeds; --clear warns that everything will be deleted", async () => {
    await manage('collectstatic', '--noinput');
    const child = pool.start(['collectstatic', '--clear'], { cwd: project.dir, env: cleanEnv() });
    await child.waitFor(/This will DELETE ALL FILES in this location!\n/);
    child.child.stdin!.end('yes\n');
    assert.equal((await child.exited).code, 0);
    assert.match(child.stdout, /\n4 static files copied to/);
  });

  it('does not ask when the destination is empty, and cancels on end of input', async () => {
    const first = await manage('collectstatic');
    assert.equal(first.code, 0);
    const second = await manage('collectstatic');
    assert.equal(second.code, 1);
    assert.equal(second.stderr, 'CommandError: Collecting static files cancelled.\n');
  });

  it('never collects STATIC_ROOT into itself when it sits inside a source folder', async () => {
    await manage('collectstatic', '--noinput', '--settings', 'proj.rootnested');
    const again = await manage('collectstatic', '--noinput', '--settings', 'proj.rootnested');
    assert.match(again.stdout, /\n0 static files copied to '.*', 4 unmodified\.\n$/);
    assert.deepEqual(tree(path.join(project.dir, 'assets', 'collected')), ['blog/app.js', 'css/site.css', 'robots.txt', 'shop/logo.svg']);
  });

  it("refuses without STATIC_ROOT, with Django's message", async () => {
    const result = await manage('collectstatic', '--noinput', '--settings', 'proj.noroot');
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "ImproperlyConfigured: You're using the staticfiles app without having set the STATIC_ROOT setting to a filesystem path.\n");
  });

  it('runs the staticfiles checks first: E002 stops it, W004 is shown', async () => {
    const inside = await manage('collectstatic', '--noinput', '--settings', 'proj.rootinside');
    assert.equal(inside.code, 1);
    assert.match(inside.stderr, /\(staticfiles\.E002\) The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting\./);
    const missing = await manage('collectstatic', '--noinput', '--settings', 'proj.missingdir');
    assert.equal(missing.code, 0);
    assert.match(missing.stderr, /\(staticfiles\.W004\) The directory 'nope' in the STATICFILES_DIRS setting does not exist\./);
  });
});

describe('findstatic', () => {
  let project: ReturnType<typeof createProject>;
  const manage = (...args: string[]) => runManage(args, { cwd: project.dir });

  beforeEach(() => (project = createProject()));
  afterEach(() => project.cleanup());

  it('lists every match in search order', async () => {
    const result = await manage('findstatic', 'css/site.css', 'blog/app.js');
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      `Found 'css/site.css' here:\n  ${project.dir}/assets/css/site.css\n  ${project.dir}/blog/static/css/site.css\n` +
        `Found 'blog/app.js' here:\n  ${project.dir}/blog/static/blog/app.js\n`,
    );
  });

  it('--first stops at the first match; -v 0 prints bare paths', async () => {
    const first = await manage('findstatic', 'css/site.css', '--first');
    assert.equal(first.stdout, `Found 'css/site.css' here:\n  ${project.dir}/assets/css/site.css\n`);
    const bare = await manage('findstatic', 'css/site.css', '-v', '0');
    assert.equal(bare.stdout, `${project.dir}/assets/css/site.css\n${project.dir}/blog/static/css/site.css\n`);
  });

  it("says 'No matching file found' on stderr, also for hidden and hostile paths", async () => {
    const result = await manage('findstatic', 'nope.css', '.secret', '../proj/settings.ts');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      "No matching file found for 'nope.css'.\nNo matching file found for '.secret'.\nNo matching file found for '../proj/settings.ts'.\n",
    );
  });

  it('-v 2 lists the locations searched', async () => {
    const result = await manage('findstatic', 'robots.txt', '-v', '2');
    const locations = `\nLooking in the following locations:\n  ${project.dir}/assets\n  ${project.dir}/blog/static\n  ${project.dir}/shop/static\n`;
    assert.equal(result.stdout, `Found 'robots.txt' here:\n  ${project.dir}/assets/robots.txt${locations}`);
  });

  it('needs at least one path', async () => {
    const result = await manage('findstatic');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /missing required argument 'staticfile'/);
  });

  it('both commands are listed under [staticfiles] in help', async () => {
    const result = await manage('help');
    assert.match(result.stdout, /\[staticfiles\]\n {4}collectstatic\n {4}findstatic\n/);
  });
});
