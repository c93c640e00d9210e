import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { UserSettings } from '../../../src/conf/settings.js';
import type { HttpRequest } from '../../../src/http/request.js';
import { addMessage, MESSAGE_LEVELS } from '../../../src/templates/messages.js';
import { TreePool } from '../../helpers/files.js';
import { enginesFor, requestFor, settingsFor } from '../../helpers/templates.js';

const pool = new TreePool();
after(() => pool.cleanup());

async function setup(template: string, values: UserSettings, extraFiles: Record<string, string> = {}) {
  const tree = pool.tree({ 'templates/t.html': template, ...extraFiles });
  const settings = settingsFor(tree, values);
  const engines = await enginesFor(tree, values);
  return { engines, request: requestFor(settings, engines, '/here/?q=1') };
}

const withProcessors = (processors: unknown[], more: UserSettings = {}): UserSettings => ({
  ...more,
  TEMPLATES: [{ DIRS: ['templates'], OPTIONS: { context_processors: processors as never[] } }],
});

/** A session as SessionMiddleware provides it: get/set/delete over JSON values. */
function attachSession(request: HttpRequest): Map<string, unknown> {
  const store = new Map<string, unknown>();
  Object.assign(request, { session: { get: (k: string) => store.get(k), set: (k: string, v: unknown) => store.set(k, v), delete: (k: string) => store.delete(k) } });
  return store;
}

describe('built-in helpers', () => {
  it('request and csrfToken are in every template rendered with a request', async () => {
    const { engines, request } = await setup('<%= it.request.path %> <%= it.csrfToken %>', withProcessors([]));
    assert.equal(engines.renderToString('t.html', {}, request), '/here/ NOTPROVIDED');
  });

  it("csrfToken asks the CSRF middleware's getter only when printed", async () => {
    const { engines, request } = await setup('<% if (it.show) { %><%= it.csrfToken %><% } %><%~ include("t2.html") %>', withProcessors([]), {
      'templates/t2.html': '',
    });
    let calls = 0;
    Object.assign(request, { csrfToken: () => `tok${++calls}` });
    assert.equal(engines.renderToString('t.html', { show: false }, request), '');
    assert.equal(calls, 0);
    assert.equal(engines.renderToString('t.html', { show: true }, request), 'tok1');
  });
});

describe('url() for a request', () => {
  it("reverses within the namespace the request was resolved in (Django's current_app)", async () => {
    const calls: unknown[] = [];
    const reverse = (name: string, options?: object) => (calls.push([name, options]), '/x/');
    const tree = pool.tree({ 'templates/t.html': `<%= it.url('blog:post', {id: 1}) %> <%= it.url('home') %>` });
    const values = { TEMPLATES: [{ DIRS: ['templates'] }] };
    const engines = await enginesFor(tree, values, { reverse });
    const request = requestFor(settingsFor(tree, values), engines);
    request.resolverMatch = { namespaces: ['blog', 'admin'] };
    engines.renderToString('t.html', {}, request);
    assert.deepEqual(calls, [['blog:post', { currentApp: 'blog:admin', kwargs: { id: 1 } }], ['home', { currentApp: 'blog:admin' }]]);
  });
});

describe('context processors', () => {
  it('run the built-ins named by dotted path', async () => {
    const names = ['request', 'debug', 'csrf', 'static', 'messages'].map((n) => `managets.contextProcessors.${n}`);
    const { engines, request } = await setup('<%= it.debug %> <%= it.STATIC_URL %> <%= it.DEFAULT_MESSAGE_LEVELS.SUCCESS %>', withProcessors(names, { DEBUG: true, STATIC_URL: '/static/' }));
    assert.equal(engines.renderToString('t.html', {}, request), 'true /static/ 25');
  });

  it('debug adds nothing when DEBUG is off', async () => {
    const { engines, request } = await setup('<%= "debug" in it %>', withProcessors(['managets.contextProcessors.debug']));
    assert.equal(engines.renderToString('t.html', {}, request), 'false');
  });

  it("import a project's processor by dotted path, or take a function", async () => {
    const { engines, request } = await setup(
      '<%= it.site %> <%= it.direct %>',
      withProcessors(['proj.processors.site', (req: HttpRequest) => ({ direct: req.method })]),
      { 'proj/processors.ts': 'export function site(request: { path: string }) { return { site: `site at ${request.path}` }; }\n' },
    );
    assert.equal(engines.renderToString('t.html', {}, request), 'site at /here/ GET');
  });

  it("don't run without a request, and the view's context wins over them", async () => {
    let runs = 0;
    const { engines, request } = await setup('<%= it.who %>', withProcessors([() => (runs++, { who: 'processor' })]));
    assert.equal(engines.renderToString('t.html', { who: 'view' }), 'view');
    assert.equal(runs, 0);
    assert.equal(engines.renderToString('t.html', { who: 'view' }, request), 'view');
    assert.equal(engines.renderToString('t.html', {}, request), 'processor');
  });

  it("must return an object (Django's TypeError)", async () => {
    const { engines, request } = await setup('', withProcessors([function broken() { return 'nope'; }]));
    assert.throws(() => engines.renderToString('t.html', {}, request), { name: 'TypeError', message: "Context processor broken didn't return a dictionary." });
  });

  it('an unimportable processor stops createTemplateEngines', async () => {
    const tree = pool.tree({});
    await assert.rejects(enginesFor(tree, withProcessors(['proj.nowhere.fn'])), /No module named 'proj\.nowhere'/);
  });
});

describe('messages', () => {
  const template = '<% for (const m of it.messages) { %>[<%= m.tags %>:<%= m.message %>]<% } %>';

  it('shows the queued messages once, with their level tags', async () => {
    const { engines, request } = await setup(template, withProcessors(['managets.contextProcessors.messages']));
    const store = attachSession(request);
    addMessage(request, MESSAGE_LEVELS.SUCCESS, 'Saved <b>');
    addMessage(request, MESSAGE_LEVELS.ERROR, 'Oops', 'urgent');
    assert.equal(engines.renderToString('t.html', {}, request), '[success:Saved &lt;b&gt;][urgent error:Oops]');
    assert.equal(store.has('_messages'), false);
    assert.equal(engines.renderToString('t.html', {}, request), '');
  });

  it('stay queued when a page does not display them', async () => {
    const { engines, request } = await setup('<%= it.messages.length %>', withProcessors(['managets.contextProcessors.messages']));
    const store = attachSession(request);
    addMessage(request, MESSAGE_LEVELS.INFO, 'hi');
    assert.equal(engines.renderToString('t.html', {}, request), '1');
    assert.equal((store.get('_messages') as unknown[]).length, 1);
  });

  it('are empty without a session, and cannot be added without one', async () => {
    const { engines, request } = await setup(template, withProcessors(['managets.contextProcessors.messages']));
    assert.equal(engines.renderToString('t.html', {}, request), '');
    assert.throws(() => addMessage(request, MESSAGE_LEVELS.INFO, 'x'), /You cannot add messages without installing managets\.middleware\.SessionMiddleware/);
  });
});
