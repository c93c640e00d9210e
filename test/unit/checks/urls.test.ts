import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createCheckRegistry } from '../../../src/checks/builtin/index.js';
import { checkUrlConfig, checkUrlSettings } from '../../../src/checks/builtin/urls.js';
import type { CheckMessage } from '../../../src/checks/messages.js';
import { buildSettings } from '../../../src/conf/load.js';
import { ModuleLoader } from '../../../src/conf/modules.js';
import { FIXTURES } from '../../helpers/tmp-project.js';

const baseDir = path.join(FIXTURES, 'urlchecks');
const loader = new ModuleLoader({ baseDir });

function settings(values: Record<string, unknown>) {
  return buildSettings(values, { name: 'checks.settings', file: path.join(baseDir, 'checks/settings.ts'), baseDir });
}

async function urlChecks(urlconf: string, extra: Record<string, unknown> = {}): Promise<CheckMessage[]> {
  return checkUrlConfig({ settings: settings({ ROOT_URLCONF: urlconf, ...extra }), loader });
}

const summary = (messages: CheckMessage[]) => messages.map((m) => [m.id, m.msg, m.hint]);
const W002 = (describe: string) =>
  `Your URL pattern ${describe} has a route beginning with a '/'. Remove this slash as it is unnecessary. If this pattern is targeted in an include(), ensure the include() pattern has a trailing '/'.`;
const W001 = (describe: string) =>
  `Your URL pattern ${describe} uses include with a route ending with a '$'. Remove the dollar from the route to avoid problems including URLs.`;
const W2_0 = (describe: string) =>
  `Your URL pattern ${describe} has a route that contains '(?P<', begins with a '^', or ends with a '$'. This was likely an oversight when migrating to django.urls.path().`;
const W010 = (describe: string, bracket: string) => `Your URL pattern ${describe} has an unmatched '${bracket}' bracket.`;

describe('URL pattern checks', () => {
  it('match what Django 5.2 reports for the same URLconf, in the same order', async () => {
    // Django's output for tests' ck/all_warnings.py (see the fixture's comment).
    assert.deepEqual(summary(await urlChecks('checks.all_warnings')), [
      ['urls.W002', W002("'/path-starting-with-slash/'"), undefined],
      ['urls.W002', W002("'/url-starting-with-slash/$'"), undefined],
      ['urls.W001', W001("'^include-with-dollar$'"), undefined],
      ['urls.W003', "Your URL pattern '^$' [name='name_with:colon'] has a name including a ':'. Remove the colon, to avoid ambiguous namespace references.", undefined],
      ['2_0.W001', W2_0("'^beginning-with-caret'"), undefined],
      ['2_0.W001', W2_0("'ending-with-dollar$'"), undefined],
      ['2_0.W001', W2_0("'(?P<named_group>\\d+)' [name='re']"), undefined],
      ['urls.W010', W010("'beginning-with/<angle_bracket'", '<'), undefined],
      ['urls.W010', W010("'ending-with/angle_bracket>'", '>'), undefined],
      ['urls.W010', W010("'closed_angle>/x/<opened_angle'", '>'), undefined],
      ['urls.W010', W010("'closed_angle>/x/<opened_angle'", '<'), undefined],
      ['urls.W010', W010("'<mixed>angle_bracket>'", '>'), undefined],
      ['urls.W001', W001("'^x$'"), undefined],
      ['urls.W001', W001("'^warn-self$'"), undefined],
      ['urls.W002', W002("'/slash-include-noslash'"), undefined],
    ]);
  });

  it('skips urls.W002 when APPEND_SLASH is off', async () => {
    const ids = (await urlChecks('checks.all_warnings', { APPEND_SLASH: false })).map((m) => m.id);
    assert.ok(!ids.includes('urls.W002'));
    assert.equal(ids.length, 12);
  });

  it('finds nothing in a clean URLconf', async () => {
    assert.deepEqual(await urlChecks('checks.no_warnings'), []);
  });

  it("reports entries that are not patterns (urls.E004) with Django's hints", async () => {
    const message = (repr: string) => `Your URL pattern ${repr} is invalid. Ensure that urlpatterns is a list of path() and/or rePath() instances.`;
    assert.deepEqual(summary(await urlChecks('checks.invalid_entries')), [
      ['urls.E004', message("'prefix'"), "Try removing the string 'prefix'. The list of urlpatterns should not have a prefix string as the first element."],
      ['urls.E004', message("['^tuple/$', <function view>]"), 'Try using path() instead of a tuple.'],
      ['urls.E004', message("{'route': 'x/'}"), undefined],
    ]);
  });

  it('reports a class passed instead of asView() (urls.E009)', async () => {
    assert.deepEqual(summary(await urlChecks('checks.class_view')), [
      ['urls.E009', "Your URL pattern 'articles/' [name='articles'] has an invalid view, pass ArticleView.asView() instead of ArticleView.", undefined],
    ]);
  });

  it('reports namespaces that are not unique (urls.W005), nested ones by their full path', async () => {
    const message = (ns: string) => `URL namespace '${ns}' isn't unique. You may not be able to reverse all URLs in this namespace`;
    assert.deepEqual(summary(await urlChecks('checks.non_unique_namespaces')), [
      ['urls.W005', message('app-ns1'), undefined],
      ['urls.W005', message('app-1'), undefined],
      ['urls.W005', message('outer:deep'), undefined],
    ]);
  });
});

describe('custom error handler checks', () => {
  it('reports handlers that need more arguments than they get (urls.E007)', async () => {
    assert.deepEqual(summary(await urlChecks('checks.error_handlers')), [
      ['urls.E007', "The custom handler400 view 'checks.error_handlers.needsThree' does not take the correct number of arguments (request, exception).", undefined],
      ['urls.E008', "The custom handler404 view 'checks.views.nope' could not be imported.", "Could not import 'checks.views.nope'. View does not exist in module checks.views."],
      ['urls.E007', "The custom handler500 view 'checks.error_handlers.takesTwo' does not take the correct number of arguments (request).", undefined],
    ]);
  });

  it('reports handler paths that cannot be imported (urls.E008)', async () => {
    const message = (status: number, path: string) => `The custom handler${status} view '${path}' could not be imported.`;
    assert.deepEqual(summary(await urlChecks('checks.invalid_handlers')), [
      ['urls.E008', message(400, 'checks.missing_module.view'), "No module named 'checks.missing_module'"],
      ['urls.E008', message(403, 'nodots'), "Could not import 'nodots'. The path must be fully qualified."],
      ['urls.E008', message(404, 'checks.views.ArticleView.asView'), "No module named 'checks.views.ArticleView'"],
    ]);
  });
});

describe('a URLconf that cannot be loaded is one error, not a crash', () => {
  it('urls.E100 when the module is missing', async () => {
    assert.deepEqual(summary(await urlChecks('checks.nope')), [
      ['urls.E100', "The ROOT_URLCONF 'checks.nope' could not be imported.", "No module named 'checks.nope'"],
    ]);
  });

  it('urls.E100 with the location when the module throws', async () => {
    const [message] = await urlChecks('checks.broken');
    assert.equal(message!.id, 'urls.E100');
    assert.match(message!.hint!, /^Error: broken on purpose \(.*checks\/broken\.ts:2:7\)$/);
  });

  it('urls.E100 naming the route when path() refuses it at import', async () => {
    const [message] = await urlChecks('checks.bad_route');
    assert.match(message!.hint!, /^ImproperlyConfigured: URL route 'hello\/<int:1>\/' uses parameter name '1' which isn't a valid Python identifier\. \(/);
  });

  it('urls.E101 for a route that cannot be compiled', async () => {
    assert.deepEqual(summary(await urlChecks('checks.bad_converter')), [
      ['urls.E101', "URL route 'foo/<nonexistent:var>/' uses invalid converter 'nonexistent'.", undefined],
    ]);
  });

  it('nothing when ROOT_URLCONF is not set', async () => {
    assert.deepEqual(await urlChecks(''), []);
  });
});

describe('URL settings checks', () => {
  const run = (values: Record<string, unknown>) => summary(checkUrlSettings({ settings: settings(values), loader }));

  it('require STATIC_URL and MEDIA_URL to end with a slash (urls.E006)', () => {
    assert.deepEqual(run({ STATIC_URL: 'noslash', MEDIA_URL: 'media' }), [
      ['urls.E006', 'The STATIC_URL setting must end with a slash.', undefined],
      ['urls.E006', 'The MEDIA_URL setting must end with a slash.', undefined],
    ]);
  });

  it('accept slashes, double slashes and empty values', () => {
    assert.deepEqual(run({ STATIC_URL: 'a/', MEDIA_URL: 'b/' }), []);
    assert.deepEqual(run({ STATIC_URL: 'slashes//', MEDIA_URL: '' }), []);
    assert.deepEqual(run({ STATIC_URL: null }), []);
  });
});

it('registers the URL checks under the urls tag', async () => {
  const registry = createCheckRegistry();
  assert.ok(registry.tags().includes('urls'));
  const messages = await registry.run({ settings: settings({ ROOT_URLCONF: 'checks.nope', STATIC_URL: 's' }), loader }, { tags: ['urls'] });
  assert.deepEqual(messages.map((m) => m.id).sort(), ['urls.E006', 'urls.E100']);
});
