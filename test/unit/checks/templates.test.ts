import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createCheckRegistry } from '../../../src/checks/builtin/index.js';
import { checkTemplates } from '../../../src/checks/builtin/templates.js';
import { ModuleLoader } from '../../../src/conf/modules.js';
import type { UserSettings } from '../../../src/conf/settings.js';
import { tempTree } from '../../helpers/files.js';
import { settingsFor } from '../../helpers/templates.js';

const tree = tempTree({ 'templates/.keep': '', 'proj/processors.ts': 'export const notAFunction = 1;\nexport function ok() { return {}; }\n' });
after(() => tree.cleanup());

async function check(values: UserSettings): Promise<string[]> {
  const messages = await checkTemplates({ settings: settingsFor(tree, values), loader: new ModuleLoader({ baseDir: tree.dir }) });
  return messages.map(String);
}

describe('template checks', () => {
  it('find nothing wrong with a sound TEMPLATES setting', async () => {
    const processors = ['managets.contextProcessors.request', 'proj.processors.ok', () => ({})];
    assert.deepEqual(await check({ TEMPLATES: [{ DIRS: ['templates'], APP_DIRS: true, OPTIONS: { context_processors: processors } }] }), []);
  });

  it('templates.W010: a DIRS entry that does not exist', async () => {
    assert.deepEqual(await check({ TEMPLATES: [{ DIRS: ['templates', 'nowhere'] }] }), [
      `?: (templates.W010) The directory '${tree.path('nowhere')}' in the TEMPLATES DIRS setting does not exist.`,
    ]);
  });

  it('templates.E010: an unknown BACKEND', async () => {
    assert.deepEqual(await check({ TEMPLATES: [{ BACKEND: 'django.template.backends.jinja2.Jinja2' }] }), [
      '?: (templates.E010) Invalid BACKEND for a template engine: django.template.backends.jinja2.Jinja2. Check your TEMPLATES setting.',
    ]);
  });

  it('templates.E011 / E012: a context processor that cannot be imported or is not a function', async () => {
    const messages = await check({ TEMPLATES: [{ OPTIONS: { context_processors: ['proj.missing.fn', 'proj.processors.nope', 'proj.processors.notAFunction'] } }] });
    assert.deepEqual(messages, [
      "?: (templates.E011) Context processor 'proj.missing.fn' could not be imported.\n\tHINT: No module named 'proj.missing'",
      `?: (templates.E011) Context processor 'proj.processors.nope' could not be imported.\n\tHINT: Module "proj.processors" does not define a "nope" attribute/class`,
      "?: (templates.E012) Context processor 'proj.processors.notAFunction' is not a function.",
    ]);
  });

  it('templates.E013 / E014: malformed entries and duplicate aliases', async () => {
    const messages = await check({
      TEMPLATES: [{ DIRS: 'templates', APP_DIRS: 'yes', OPTIONS: { context_processors: 'x', loaders: [] } } as never, 7 as never, {}, { NAME: 'eta' }],
    });
    assert.deepEqual(messages, [
      "?: (templates.E013) TEMPLATES[0]['DIRS'] must be a list of strings.",
      "?: (templates.E013) TEMPLATES[0]['APP_DIRS'] must be a boolean.",
      "?: (templates.E013) TEMPLATES[0]['OPTIONS'] has an unknown option 'loaders'.",
      "?: (templates.E013) TEMPLATES[0]['OPTIONS']['context_processors'] must be a list.",
      '?: (templates.E013) TEMPLATES[1] must be an object with BACKEND, DIRS, APP_DIRS and OPTIONS.',
      "?: (templates.E014) Template engine aliases aren't unique, duplicates: eta. Set a unique NAME for each engine in settings.TEMPLATES.",
    ]);
  });

  it('are registered under the templates tag', async () => {
    assert.ok(createCheckRegistry().tags().includes('templates'));
  });
});
