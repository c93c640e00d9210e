import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childCommand, isReloaderChild } from '../../../src/reloader/child-command.js';
import { classifyChange, isIgnoredPath, type ClassifyConfig } from '../../../src/reloader/classify.js';
import { decodeInspectTarget } from '../../../src/reloader/inspector.js';
import { isChildMessage, isSupervisorMessage } from '../../../src/reloader/protocol.js';
import { browserUrl, openCommand, shortcutFor } from '../../../src/reloader/shortcuts.js';
import { watchReportFromSettings } from '../../../src/reloader/watch-dirs.js';
import { describeWatchError, ENOSPC_HINT } from '../../../src/reloader/watcher.js';
import type { Settings } from '../../../src/conf/settings.js';

describe('childCommand', () => {
  it('re-runs the same node, flags and script with MANAGE_RUN_MAIN=true', () => {
    const command = childCommand({
      execPath: '/usr/bin/node',
      execArgv: ['--enable-source-maps', '--import', 'x'],
      argv: ['/usr/bin/node', '/p/bin/manage.js', 'runserver', '0:8000'],
      env: { PATH: '/bin', MANAGE_SETTINGS_MODULE: 'blog.settings' },
    });
    assert.equal(command.command, '/usr/bin/node');
    assert.deepEqual(command.args, ['--enable-source-maps', '--import', 'x', '/p/bin/manage.js', 'runserver', '0:8000']);
    assert.deepEqual(command.env, { PATH: '/bin', MANAGE_SETTINGS_MODULE: 'blog.settings', MANAGE_RUN_MAIN: 'true' });
  });

  it('with an inspector taken over, leaves out the inspector flags and says where to reopen it', () => {
    const command = childCommand(
      {
        execPath: '/usr/bin/node',
        execArgv: ['--inspect-brk=127.0.0.1:0', '--inspect-port', '9230', '--import', 'x'],
        argv: ['/usr/bin/node', '/p/bin/manage.js', 'runserver'],
        env: { NODE_OPTIONS: '--inspect --max-old-space-size=512' },
      },
      { host: '127.0.0.1', port: 9230, wait: true },
    );
    assert.deepEqual(command.args, ['--import', 'x', '/p/bin/manage.js', 'runserver']);
    assert.equal(command.env.NODE_OPTIONS, '--max-old-space-size=512');
    assert.deepEqual(decodeInspectTarget(command.env.MANAGE_INSPECT), { host: '127.0.0.1', port: 9230, wait: true });
    assert.equal(decodeInspectTarget('not json'), undefined);
  });

  it('knows a child by the variable and an IPC channel together', () => {
    assert.equal(isReloaderChild({ MANAGE_RUN_MAIN: 'true' }, true), true);
    assert.equal(isReloaderChild({ MANAGE_RUN_MAIN: 'true' }, false), false);
    assert.equal(isReloaderChild({ MANAGE_RUN_MAIN: '1' }, true), false);
    assert.equal(isReloaderChild({}, true), false);
  });
});

describe('isIgnoredPath', () => {
  const root = '/p';
  const cases: Array<[string, boolean]> = [
    ['/p', false],
    ['/p/blog/views.ts', false],
    ['/p/.env', false],
    ['/p/.env.local', false],
    ['/p/.git', true],
    ['/p/.git/HEAD', true],
    ['/p/.idea/workspace.xml', true],
    ['/p/blog/.cache/x.ts', true],
    ['/p/node_modules', true],
    ['/p/packages/a/node_modules/x/index.js', true],
    ['/p/dist/app.js', true],
    ['/p/build', true],
    ['/p/coverage/lcov.info', true],
    ['/p/server.log', true],
    ['/p/db.sqlite3', true],
    ['/p/db.sqlite3-journal', true],
    ['/p/data.db-wal', true],
    ['/elsewhere/.git/x', false],
  ];
  for (const [file, expected] of cases) {
    it(`${file} → ${expected ? 'ignored' : 'watched'}`, () => assert.equal(isIgnoredPath(file, root), expected));
  }
});

describe('classifyChange', () => {
  const config: ClassifyConfig = {
    templateDirs: ['/p/templates', '/p/blog/templates'],
    staticDirs: ['/p/static', '/p/blog/static'],
    ignored: ['/p/staticfiles', '/p/media', '*.tmp'],
    errorFiles: new Set(['/p/blog/broken.md']),
  };
  const cases: Array<[string, string]> = [
    ['/p/blog/views.ts', 'restart'],
    ['/p/proj/settings.mts', 'restart'],
    ['/p/blog/util.js', 'restart'],
    ['/p/package.json', 'restart'],
    ['/p/.env', 'restart'],
    ['/p/.env.development', 'restart'],
    ['/p/templates/base.html', 'template'],
    ['/p/blog/templates/blog/post.eta', 'template'],
    ['/p/templates/helpers.ts', 'restart'],
    ['/p/static/site.css', 'static'],
    ['/p/blog/static/app.js', 'static'],
    ['/p/staticfiles/site.css', 'ignore'],
    ['/p/media/upload.png', 'ignore'],
    ['/p/blog/notes.tmp', 'ignore'],
    ['/p/README.md', 'ignore'],
    ['/p/blog/broken.md', 'restart'],
    ['/p/templatesx/a.html', 'ignore'],
  ];
  for (const [file, expected] of cases) {
    it(`${file} → ${expected}`, () => assert.equal(classifyChange(file, config), expected));
  }
});

describe('watchReportFromSettings', () => {
  it('reads template, static and ignored folders relative to BASE_DIR', () => {
    const settings = {
      BASE_DIR: '/p',
      DEBUG: true,
      INSTALLED_APPS: ['blog', 'shop.catalog'],
      TEMPLATES: [{ DIRS: ['templates', '/abs/tpl'], APP_DIRS: true }],
      STATICFILES_DIRS: ['assets'],
      STATIC_ROOT: 'staticfiles',
      MEDIA_ROOT: '',
      WATCH_IGNORE: ['tmp', '*.bak'],
    } as unknown as Settings;
    assert.deepEqual(watchReportFromSettings(settings), {
      baseDir: '/p',
      templateDirs: ['/p/templates', '/abs/tpl'],
      staticDirs: ['/p/assets'],
      ignored: ['/p/staticfiles', '/p/tmp', '*.bak'],
      debug: true,
    });
  });

  it('tolerates settings of the wrong shape (the checks report those)', () => {
    const settings = { BASE_DIR: '/p', DEBUG: 'yes', TEMPLATES: 'x', STATICFILES_DIRS: [1], STATIC_ROOT: null, MEDIA_ROOT: '', WATCH_IGNORE: null } as unknown as Settings;
    assert.deepEqual(watchReportFromSettings(settings), { baseDir: '/p', templateDirs: [], staticDirs: [], ignored: [], debug: false });
  });
});

describe('protocol guards', () => {
  it('accepts known messages only', () => {
    assert.equal(isChildMessage({ type: 'warm' }), true);
    assert.equal(isChildMessage({ type: 'boot' }), false);
    assert.equal(isChildMessage('warm'), false);
    assert.equal(isChildMessage(null), false);
    assert.equal(isSupervisorMessage({ type: 'stop' }), true);
    assert.equal(isSupervisorMessage({ type: 'warm' }), false);
  });
});

describe('shortcuts', () => {
  it('maps lines to actions (rs too), ignoring case and blanks', () => {
    assert.equal(shortcutFor('r'), 'restart');
    assert.equal(shortcutFor('rs\n'), 'restart');
    assert.equal(shortcutFor(' Q '), 'quit');
    assert.equal(shortcutFor('o'), 'open');
    assert.equal(shortcutFor('c'), 'clear');
    assert.equal(shortcutFor('h'), 'help');
    assert.equal(shortcutFor(''), undefined);
    assert.equal(shortcutFor('hello'), undefined);
  });

  it('opens the address a browser can reach', () => {
    assert.equal(browserUrl({ address: '0.0.0.0', port: 8000, family: 'IPv4' }, '0.0.0.0'), 'http://localhost:8000/');
    assert.equal(browserUrl({ address: '::', port: 8000, family: 'IPv6' }, '[::]'), 'http://localhost:8000/');
    assert.equal(browserUrl({ address: '::1', port: 9000, family: 'IPv6' }, '[::1]'), 'http://[::1]:9000/');
    assert.equal(browserUrl({ address: '127.0.0.1', port: 8000, family: 'IPv4' }, 'localhost'), 'http://localhost:8000/');
  });

  it('opens URLs with the platform command', () => {
    assert.deepEqual(openCommand('linux', 'http://x/'), { command: 'xdg-open', args: ['http://x/'] });
    assert.deepEqual(openCommand('darwin', 'http://x/'), { command: 'open', args: ['http://x/'] });
    assert.equal(openCommand('win32', 'http://x/').command, 'cmd');
  });
});

describe('describeWatchError', () => {
  it('explains how to raise the inotify limit on ENOSPC', () => {
    const error = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    assert.equal(describeWatchError(error), ENOSPC_HINT);
    assert.match(ENOSPC_HINT, /fs\.inotify\.max_user_watches=524288/);
    assert.match(ENOSPC_HINT, /--poll/);
    assert.equal(describeWatchError(new Error('boom')), 'Error while watching files: boom\n');
  });
});
