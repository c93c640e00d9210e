/** Codes, check ids and settings are a documented contract: each one appears in the README. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULTS } from '../../src/conf/defaults.js';
import { ERROR_CODES } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers/spawn-cli.js';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

describe('README contract', () => {
  it('lists every error code once', () => {
    const codes = Object.values(ERROR_CODES);
    assert.equal(new Set(codes).size, codes.length, 'error codes are unique');
    assert.deepEqual(codes.filter((code) => !readme.includes(`\`${code}\``)), []);
  });

  it('lists every system check id used in src/', () => {
    const ids = new Set(sources(path.join(REPO_ROOT, 'src')).flatMap((text) => [...text.matchAll(/id: '([a-z0-9_]+\.[A-Z]\d{3})'/g)].map((m) => m[1]!)));
    assert.ok(ids.size > 0);
    assert.deepEqual([...ids].filter((id) => !readme.includes(`\`${id}\``)).sort(), []);
  });

  it('documents every setting', () => {
    assert.deepEqual(Object.keys(DEFAULTS).filter((name) => !readme.includes(`\`${name}\``)), []);
  });
});
