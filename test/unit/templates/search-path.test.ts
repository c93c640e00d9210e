import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeTemplateName } from '../../../src/templates/search-path.js';

describe('normalizeTemplateName', () => {
  const cases: Array<[name: string, includer: string | undefined, expected: string]> = [
    ['posts/list.html', undefined, 'posts/list.html'],
    ['posts/list', undefined, 'posts/list.eta'],
    ['/posts/list.eta', undefined, 'posts/list.eta'],
    ['posts//./list.html', undefined, 'posts/list.html'],
    ['./meta.html', 'blog/post.html', 'blog/meta.html'],
    ['../base.html', 'blog/post.html', 'base.html'],
    ['./meta.html', undefined, 'meta.html'],
    ['partials/nav.html', 'blog/post.html', 'partials/nav.html'],
    ['/layout', 'blog/post.html', 'layout.eta'],
    ['../../x.html', 'blog/post.html', '../x.html'],
  ];
  for (const [name, includer, expected] of cases) {
    it(`${name} from ${includer ?? 'a view'} → ${expected}`, () => {
      assert.equal(normalizeTemplateName(name, includer), expected);
    });
  }
});
