import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkStaticfilesDirs, checkStaticSettings } from '../../../src/checks/builtin/static.js';
import { createCheckRegistry } from '../../../src/checks/builtin/index.js';
import { ModuleLoader } from '../../../src/conf/modules.js';
import type { Settings } from '../../../src/conf/settings.js';

describe('staticfiles checks', () => {
  let base: string;
  before(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'managets-static-checks-'));
    mkdirSync(path.join(base, 'assets'));
    mkdirSync(path.join(base, 'blog', 'static'), { recursive: true });
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const context = (values: Record<string, unknown>) => ({
    settings: { BASE_DIR: base, DEBUG: true, INSTALLED_APPS: [], STATICFILES_DIRS: [], STATIC_URL: '/static/', STATIC_ROOT: null, MEDIA_URL: '', MEDIA_ROOT: '', ...values } as unknown as Settings,
    loader: new ModuleLoader({ baseDir: base }),
  });
  const lines = (messages: { toString(): string }[]) => messages.map(String);

  it('W004: a STATICFILES_DIRS entry that does not exist', () => {
    assert.deepEqual(lines(checkStaticfilesDirs(context({ STATICFILES_DIRS: ['assets', 'nope'] }))), [
      "?: (staticfiles.W004) The directory 'nope' in the STATICFILES_DIRS setting does not exist.",
    ]);
  });

  it('E002: STATICFILES_DIRS contains STATIC_ROOT', () => {
    assert.deepEqual(lines(checkStaticfilesDirs(context({ STATICFILES_DIRS: ['assets'], STATIC_ROOT: path.join(base, 'assets') }))), [
      '?: (staticfiles.E002) The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting.',
    ]);
  });

  it('E101: STATIC_URL missing while an app has static files', async () => {
    assert.deepEqual(lines(await checkStaticSettings(context({ STATIC_URL: null }))), []);
    assert.deepEqual(lines(await checkStaticSettings(context({ STATIC_URL: null, INSTALLED_APPS: ['blog'] }))), [
      "?: (staticfiles.E101) You're using the staticfiles app without having set the required STATIC_URL setting.",
    ]);
  });

  it('E103 / E104: MEDIA_URL within STATIC_URL and MEDIA_ROOT == STATIC_ROOT', async () => {
    const messages = lines(await checkStaticSettings(context({ MEDIA_URL: '/static/media/', MEDIA_ROOT: 'same', STATIC_ROOT: 'same' })));
    assert.deepEqual(messages, [
      "?: (staticfiles.E103) runserver can't serve media if MEDIA_URL is within STATIC_URL.",
      '?: (staticfiles.E104) The MEDIA_ROOT and STATIC_ROOT settings must have different values',
    ]);
  });

  it('registers both under the staticfiles tag', async () => {
    const registry = createCheckRegistry();
    assert.ok(registry.tags().includes('staticfiles'));
    const messages = await registry.run(context({ STATICFILES_DIRS: ['nope'], MEDIA_URL: '/static/' }), { tags: ['staticfiles'] });
    assert.deepEqual(messages.map((m) => m.id).sort(), ['staticfiles.E102', 'staticfiles.W004']);
  });
});
