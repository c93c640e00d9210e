/**
 * The built dist/ is an esbuild bundle (scripts/bundle.mjs). Bundling may rename a top-level
 * class whose name another module also uses (`Option` → `Option2`), and error classes name
 * themselves after their class: every class the package exports must keep its own name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as managets from '../../dist/index.js';

function exportedClasses(namespace: Record<string, unknown>, prefix = ''): Array<[string, Function]> {
  const found: Array<[string, Function]> = [];
  for (const [key, value] of Object.entries(namespace)) {
    if (typeof value === 'function' && Function.prototype.toString.call(value).startsWith('class')) found.push([`${prefix}${key}`, value]);
    else if (value && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Module]') {
      found.push(...exportedClasses(value as Record<string, unknown>, `${prefix}${key}.`));
    }
  }
  return found;
}

describe('the bundle', () => {
  it('keeps the name of every exported class', () => {
    const classes = exportedClasses(managets as unknown as Record<string, unknown>);
    assert.ok(classes.length > 30, `only ${classes.length} classes found`);
    for (const [key, value] of classes) assert.equal(value.name, key.split('.').pop(), key);
  });

  it('names errors after their class', () => {
    assert.equal(new managets.Http404('gone').name, 'Http404');
    assert.equal(new managets.ImproperlyConfigured('bad').name, 'ImproperlyConfigured');
  });
});
