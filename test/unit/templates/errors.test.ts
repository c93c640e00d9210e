import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Http404 } from '../../../src/http/errors.js';
import { TemplateDoesNotExist, TemplateRenderError, TemplateSyntaxError } from '../../../src/templates/errors.js';
import { TreePool } from '../../helpers/files.js';
import { enginesFor } from '../../helpers/templates.js';

const pool = new TreePool();
after(() => pool.cleanup());

async function render(files: Record<string, string>, name: string, context?: Record<string, unknown>): Promise<unknown> {
  const tree = pool.tree(files);
  const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
  try {
    return engines.renderToString(name, context);
  } catch (error) {
    return error;
  }
}

describe('TemplateSyntaxError', () => {
  it('points at an unclosed eta tag with line and column', async () => {
    const error = await render({ 'templates/t.html': 'one\ntwo <%= it.x\nthree' }, 't.html');
    assert.ok(error instanceof TemplateSyntaxError);
    const info = error.info;
    assert.equal(info.kind, 'TemplateSyntaxError');
    assert.equal(info.code, 'MANAGE_ERR_TEMPLATE_SYNTAX');
    assert.equal(info.detail, 'unclosed tag');
    assert.equal(info.name, 't.html');
    assert.match(info.file, /templates\/t\.html$/);
    assert.equal(info.line, 2);
    assert.equal(info.column, 5);
    assert.deepEqual(info.source, [
      { number: 1, text: 'one', current: false },
      { number: 2, text: 'two <%= it.x', current: true },
      { number: 3, text: 'three', current: false },
    ]);
    assert.equal(info.frame, '  1 | one\n> 2 | two <%= it.x\n    |     ^\n  3 | three');
  });

  it('maps a JavaScript syntax error inside a tag back to its template line', async () => {
    const error = await render({ 'templates/t.html': 'a\n<% if (it.x) { %>\nb <%= it.y ) %>\n<% } %>\n' }, 't.html');
    assert.ok(error instanceof TemplateSyntaxError);
    assert.equal(error.info.line, 3);
    assert.equal(error.info.detail, "SyntaxError: Unexpected token ')'");
    assert.match(error.message, /^SyntaxError: Unexpected token '\)'\n    in template t\.html \(.*t\.html:3\)\n\n/);
  });

  it('reports a block left open at the end of the template', async () => {
    const error = await render({ 'templates/t.html': 'a\n<% if (it.x) { %>\nb\n' }, 't.html');
    assert.ok(error instanceof TemplateSyntaxError);
    assert.equal(error.info.line, 3);
    assert.match(error.info.detail, /the template ends inside an unclosed '\{' or '\('/);
  });

  it('is raised by getTemplate(), before any rendering', async () => {
    const tree = pool.tree({ 'templates/t.html': '<%= %' });
    const engines = await enginesFor(tree, { TEMPLATES: [{ DIRS: ['templates'] }] });
    assert.throws(() => engines.getTemplate('t.html'), TemplateSyntaxError);
  });
});

describe('TemplateRenderError', () => {
  it('carries the template line, the source around it and the original error', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);
    lines[7] = '<%= it.post.title %>';
    const error = await render({ 'templates/t.html': lines.join('\n') }, 't.html', {});
    assert.ok(error instanceof TemplateRenderError);
    assert.ok(error.cause instanceof TypeError);
    const info = error.info;
    assert.equal(info.kind, 'TemplateRenderError');
    assert.equal(info.code, 'MANAGE_ERR_TEMPLATE_RENDER');
    assert.equal(info.line, 8);
    assert.equal(info.column, undefined);
    assert.deepEqual(info.exception, { name: 'TypeError', message: "Cannot read properties of undefined (reading 'title')" });
    assert.deepEqual(info.source.map((l) => l.number), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(info.source.find((l) => l.current), { number: 8, text: '<%= it.post.title %>', current: true });
    assert.deepEqual(JSON.parse(JSON.stringify(error)), info);
  });

  it('names the innermost template and the include()/layout() sites it came through', async () => {
    const error = await render(
      {
        'templates/page.html': 'x\n<% layout("base.html") %>\n<%~ include("part.html") %>',
        'templates/base.html': '<%~ it.body %>',
        'templates/part.html': '\n\n<%= it.missing.deep %>',
      },
      'page.html',
    );
    assert.ok(error instanceof TemplateRenderError);
    assert.equal(error.info.name, 'part.html');
    assert.equal(error.info.line, 3);
    assert.deepEqual(error.info.includedFrom.map(({ name, line }) => ({ name, line })), [{ name: 'page.html', line: 3 }]);
  });

  it('lets an Http404 raised from the template through unchanged', async () => {
    const error = await render({ 'templates/t.html': '<%= it.lookup() %>' }, 't.html', {
      lookup: () => {
        throw new Http404('No post');
      },
    });
    assert.ok(error instanceof Http404);
  });
});

describe('TemplateDoesNotExist from inside a template', () => {
  it('records the include() line that asked for it', async () => {
    const error = await render({ 'templates/t.html': 'a\n<%~ include("nope.html") %>' }, 't.html');
    assert.ok(error instanceof TemplateDoesNotExist);
    assert.deepEqual(error.names, ['nope.html']);
    assert.equal(error.info.includedFrom?.name, 't.html');
    assert.equal(error.info.includedFrom?.line, 2);
  });
});
