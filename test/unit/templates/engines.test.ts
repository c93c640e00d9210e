import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { TemplateDoesNotExist, TemplateRenderError } from '../../../src/templates/errors.js';
import { path } from '../../../src/urls/conf.js';
import { runWithResolver } from '../../../src/urls/context.js';
import { NoReverseMatch } from '../../../src/urls/exceptions.js';
import { Resolver } from '../../../src/urls/resolver.js';
import { TreePool } from '../../helpers/files.js';
import { enginesFor } from '../../helpers/templates.js';

const pool = new TreePool();
after(() => pool.cleanup());

const project = (files: Record<string, string>) => pool.tree(files);

describe('template search path', () => {
  const files = {
    'templates/page.html': 'project page',
    'blog/templates/page.html': 'blog page',
    'blog/templates/blog/only-blog.html': 'only in blog',
    'shop/templates/blog/only-blog.html': 'shop override loses',
    'shop/templates/shop.html': 'shop',
  };

  it('searches DIRS before the apps, and apps in INSTALLED_APPS order (first match wins)', async () => {
    const tree = project(files);
    const engines = await enginesFor(tree, { INSTALLED_APPS: ['blog', 'shop'], TEMPLATES: [{ DIRS: ['templates'], APP_DIRS: true }] });
    assert.equal(engines.renderToString('page.html'), 'project page');
    assert.equal(engines.renderToString('blog/only-blog.html'), 'only in blog');
    assert.equal(engines.renderToString('shop.html'), 'shop');
  });

  it('lets an earlier app override a later one', async () => {
    const tree = project(files);
    const engines = await enginesFor(tree, { INSTALLED_APPS: ['shop', 'blog'], TEMPLATES: [{ APP_DIRS: true }] });
    assert.equal(engines.renderToString('blog/only-blog.html'), 'shop override loses');
    assert.equal(engines.renderToString('page.html'), 'blog page');
  });

  it('ignores app templates without APP_DIRS, as Django', async () => {
    const tree = project(files);
    const engines = await enginesFor(tree, { INSTALLED_APPS: ['blog'], TEMPLATES: [{}] });
    assert.throws(() => engines.renderToString('blog/only-blog.html'), TemplateDoesNotExist);
  });

  it('lists every template directory in search order for the reloader', async () => {
    const tree = project(files);
    const engines = await enginesFor(tree, { INSTALLED_APPS: ['blog', 'shop'], TEMPLATES: [{ DIRS: ['templates'], APP_DIRS: true }] });
    assert.deepEqual(engines.dirs, [tree.path('templates'), tree.path('blog', 'templates'), tree.path('shop', 'templates')]);
  });

  it('tries the next engine when the first lacks the template', async () => {
    const tree = project({ 'a/one.html': 'one', 'b/two.html': 'two' });
    const engines = await enginesFor(tree, { TEMPLATES: [{ NAME: 'first', DIRS: ['a'] }, { NAME: 'second', DIRS: ['b'] }] });
    assert.equal(engines.renderToString('two.html'), 'two');
    assert.equal(engines.getTemplate('two.html').engine, 'second');
  });

  it('selectTemplate and renderToString([...]) take the first name that exists', async () => {
    const tree = project({ 'templates/b.html': 'B', 'templates/c.html': 'C' });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
    assert.equal(engines.renderToString(['a.html', 'b.html', 'c.html']), 'B');
    const template = engines.selectTemplate(['a.html', 'c.html']);
    assert.equal(template.name, 'c.html');
    assert.equal(template.origin, tree.path('templates', 'c.html'));
  });
});

describe('TemplateDoesNotExist', () => {
  it('lists every path tried, per engine and loader, in order', async () => {
    const tree = project({ 'blog/templates/x.html': '' });
    const engines = await enginesFor(tree, { INSTALLED_APPS: ['blog'], TEMPLATES: [{ DIRS: ['templates', 'more'], APP_DIRS: true }] });
    const error = captureThrown(() => engines.renderToString('missing.html'), TemplateDoesNotExist);
    assert.equal(error.code, 'MANAGE_ERR_TEMPLATE_DOES_NOT_EXIST');
    assert.deepEqual(error.names, ['missing.html']);
    assert.deepEqual(
      error.tried.map(({ loader, app, path }) => ({ loader, app, path })),
      [
        { loader: 'filesystem', app: undefined, path: tree.path('templates', 'missing.html') },
        { loader: 'filesystem', app: undefined, path: tree.path('more', 'missing.html') },
        { loader: 'app_directories', app: 'blog', path: tree.path('blog', 'templates', 'missing.html') },
      ],
    );
    assert.ok(error.tried.every((attempt) => attempt.engine === 'eta' && attempt.status === 'Source does not exist'));
    assert.match(error.message, /^missing\.html\n\nmanagets tried loading these templates, in this order:\n\nUsing engine eta:\n    \* filesystem: .*missing\.html \(Source does not exist\)/);
    assert.deepEqual(JSON.parse(JSON.stringify(error)), error.info);
  });

  it('names all candidates of selectTemplate', async () => {
    const tree = project({});
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
    const error = captureThrown(() => engines.selectTemplate(['a.html', 'b.html']), TemplateDoesNotExist);
    assert.deepEqual(error.names, ['a.html', 'b.html']);
    assert.equal(error.tried.length, 2);
    assert.match(error.message, /^a\.html, b\.html\n/);
  });

  it('never opens a name that leaves the template directory', async () => {
    const tree = project({ 'templates/ok.html': 'ok', 'secret.html': 'SECRET' });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
    for (const name of ['../secret.html', '/../secret.html', 'a/../../secret.html', `ok.html\0`]) {
      const error = captureThrown(() => engines.renderToString(name), TemplateDoesNotExist);
      assert.equal(error.tried[0]!.status, 'Outside the template directory', name);
    }
  });
});

describe('layouts, partials and includes', () => {
  it('work across template directories through eta include() and layout()', async () => {
    const tree = project({
      'templates/base.html': '<main><%~ it.body %></main><%~ include("partials/footer.html") %>',
      'blog/templates/blog/post.html': '<% layout("base.html") %><%~ include("./meta.html", {by: "ann"}) %>post',
      'blog/templates/blog/meta.html': 'by <%= it.by %> ',
      'blog/templates/partials/footer.html': '<footer>app footer</footer>',
    });
    const engines = await enginesFor(tree, { INSTALLED_APPS: ['blog'], TEMPLATES: [{ DIRS: ['templates'], APP_DIRS: true }] });
    assert.equal(engines.renderToString('blog/post.html'), '<main>by ann post</main><footer>app footer</footer>');
  });

  it('resolves relative partial names by template name, so an earlier directory overrides them', async () => {
    const tree = project({
      'blog/templates/blog/post.html': '<%~ include("./meta.html") %>',
      'blog/templates/blog/meta.html': 'app meta',
      'templates/blog/meta.html': 'project meta',
    });
    const engines = await enginesFor(tree, { INSTALLED_APPS: ['blog'], TEMPLATES: [{ DIRS: ['templates'], APP_DIRS: true }] });
    assert.equal(engines.renderToString('blog/post.html'), 'project meta');
  });

  it('adds .eta to names without an extension, as eta does', async () => {
    const tree = project({ 'templates/layout.eta': '[<%~ it.body %>]', 'templates/page.eta': '<% layout("layout") %>x' });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
    assert.equal(engines.renderToString('page'), '[x]');
  });

  it('passes the whole context, helpers included, down to partials', async () => {
    const tree = project({ 'templates/a.html': '<%~ include("b.html") %>', 'templates/b.html': '<%= it.who %> <%= it.static("x.css") %>' });
    const engines = await enginesFor(tree, { STATIC_URL: '/s/', TEMPLATES: [{ DIRS: ['templates'] }] });
    assert.equal(engines.renderToString('a.html', { who: 'me' }), 'me /s/x.css');
  });
});

describe('autoescape', () => {
  const files = { 'templates/t.html': '<%= it.v %>|<%~ it.v %>' };

  it('escapes <%= %> by default and leaves <%~ %> raw', async () => {
    const engines = await enginesFor(project(files), { TEMPLATES: [{ DIRS: ['templates'] }] });
    assert.equal(engines.renderToString('t.html', { v: `<a href="x">'&'</a>` }), `&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;|<a href="x">'&'</a>`);
  });

  it("can be turned off with OPTIONS.autoescape (Django's option)", async () => {
    const engines = await enginesFor(project(files), { TEMPLATES: [{ DIRS: ['templates'], OPTIONS: { autoescape: false } }] });
    assert.equal(engines.renderToString('t.html', { v: '<b>' }), '<b>|<b>');
  });
});

describe('url() and static()', () => {
  it('url() reverses through the injected function, with keyword or positional arguments', async () => {
    const calls: unknown[] = [];
    const reverse = (name: string, options?: object) => {
      calls.push([name, options]);
      return `/${name}/`;
    };
    const tree = project({ 'templates/t.html': `<%= it.url('home') %> <%= it.url('post', {id: 3}) %> <%= it.url('archive', [2024, 5]) %>` });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] }, { reverse });
    assert.equal(engines.renderToString('t.html'), '/home/ /post/ /archive/');
    assert.deepEqual(calls, [['home', undefined], ['post', { kwargs: { id: 3 } }], ['archive', { args: [2024, 5] }]]);
  });

  it("url() uses the URLconf of the request being handled (urls' reverse and runWithResolver)", async () => {
    const resolver = await Resolver.load([path('posts/<int:id>/', () => null, { name: 'post' })]);
    const tree = project({ 'templates/t.html': `<%= it.url('post', {id: 3}) %> <%= it.url('post', [4]) %>` });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
    assert.equal(runWithResolver(resolver, () => engines.renderToString('t.html')), '/posts/3/ /posts/4/');
    const outside = captureThrown(() => engines.renderToString('t.html'), TemplateRenderError);
    assert.match(outside.detail, /^ImproperlyConfigured: reverse\(\) was called outside a request/);
  });

  it('a NoReverseMatch in url() points at the template line', async () => {
    const resolver = await Resolver.load([path('', () => null, { name: 'home' })]);
    const tree = project({ 'templates/t.html': `ok\n<%= it.url('nope') %>` });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] }, { reverse: (name, options) => resolver.reverse(name, options) });
    const error = captureThrown(() => engines.renderToString('t.html'), TemplateRenderError);
    assert.ok(error.cause instanceof NoReverseMatch);
    assert.equal(error.info.line, 2);
  });

  it('static() joins STATIC_URL (a relative one gets a leading slash) and quotes the path', async () => {
    const tree = project({ 'templates/t.html': `<%= it.static('css/site.css') %> <%= it.static('/img/a b.png') %>` });
    for (const [staticUrl, expected] of [
      ['static/', '/static/css/site.css /static/img/a%20b.png'],
      ['/assets/', '/assets/css/site.css /assets/img/a%20b.png'],
      ['https://cdn.example.com/s/', 'https://cdn.example.com/s/css/site.css https://cdn.example.com/s/img/a%20b.png'],
    ] as const) {
      const engines = await enginesFor(tree, { STATIC_URL: staticUrl, TEMPLATES: [{ DIRS: ['templates'] }] });
      assert.equal(engines.renderToString('t.html'), expected);
    }
  });

  it("static() without STATIC_URL raises Django's ImproperlyConfigured", async () => {
    const tree = project({ 'templates/t.html': `<%= it.static('a.css') %>` });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
    assert.throws(() => engines.renderToString('t.html'), /You're using the staticfiles app without having set the required STATIC_URL setting\./);
  });
});

describe('createTemplateEngines', () => {
  it('refuses an invalid TEMPLATES setting with the check wording', async () => {
    const tree = project({});
    await assert.rejects(enginesFor(tree, { TEMPLATES: [{ BACKEND: 'django.template.backends.django.DjangoTemplates' }] }), {
      name: 'ImproperlyConfigured',
      message: 'Invalid BACKEND for a template engine: django.template.backends.django.DjangoTemplates. Check your TEMPLATES setting.',
    });
    await assert.rejects(enginesFor(tree, { TEMPLATES: [{}, {}] }), /Template engine aliases aren't unique, duplicates: eta\./);
  });

  it('accepts the eta BACKEND spelled out', async () => {
    const tree = project({ 'templates/t.html': 'ok' });
    const engines = await enginesFor(tree, { TEMPLATES: [{ BACKEND: 'managets.templates.backends.eta.EtaTemplates', DIRS: ['templates'] }] });
    assert.equal(engines.renderToString('t.html'), 'ok');
  });
});

function captureThrown<T extends Error>(fn: () => unknown, type: new (...args: any[]) => T): T {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${type.name} to be thrown`);
}
