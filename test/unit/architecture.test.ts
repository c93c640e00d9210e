/**
 * The dependency direction, read from the import statements of every file under src/:
 * cli → commands → app → feature folders → http core; the reloader never reaches user code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/spawn-cli.js';

const SRC = path.join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports (static and dynamic) of a file, as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).replace(/\.js$/, '.ts'));
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), imports: importsOf(file) }));
const area = (relative: string) => (relative.includes(path.sep) ? relative.split(path.sep)[0]! : relative);

/** What each area may import (besides itself). Leaves: errors.ts, conf/. */
const ALLOWED: Record<string, readonly string[]> = {
  'errors.ts': [],
  conf: ['errors.ts'],
  http: ['errors.ts'],
  checks: ['errors.ts', 'conf', 'apps', 'urls', 'templates', 'static', 'middleware', 'db', 'http'],
  apps: ['errors.ts', 'conf', 'checks'],
  urls: ['errors.ts', 'conf', 'http', 'apps'],
  templates: ['errors.ts', 'conf', 'http', 'apps', 'urls'],
  static: ['errors.ts', 'conf', 'http', 'apps', 'urls', 'views'],
  views: ['errors.ts', 'conf', 'http', 'urls', 'templates', 'middleware'],
  middleware: ['errors.ts', 'conf', 'http', 'urls', 'templates'],
  db: ['errors.ts', 'conf', 'http', 'apps', 'checks'],
  contrib: ['errors.ts', 'conf', 'http', 'urls', 'views', 'templates', 'middleware', 'db', 'apps', 'checks'],
  reloader: ['errors.ts', 'conf', 'http'],
  scaffold: ['errors.ts', 'conf'],
  'app.ts': ['errors.ts', 'conf', 'http', 'urls', 'views', 'middleware', 'templates', 'static', 'apps', 'db', 'contrib', 'reloader'],
  commands: ['errors.ts', 'conf', 'checks', 'apps', 'http', 'app.ts', 'reloader', 'urls', 'static', 'templates', 'db', 'contrib', 'cli', 'scaffold'],
  cli: ['errors.ts', 'conf', 'checks', 'apps', 'commands'],
  'index.ts': ['*'],
};

describe('architecture', () => {
  it('every area imports only what it may', () => {
    const violations: string[] = [];
    for (const { file, imports } of files) {
      const from = area(file);
      const allowed = ALLOWED[from];
      if (!allowed) {
        violations.push(`${file}: area '${from}' has no rule in architecture.test.ts`);
        continue;
      }
      if (allowed.includes('*')) continue;
      for (const target of imports) {
        const to = area(target);
        if (to !== from && !allowed.includes(to)) violations.push(`${file} imports ${target} (${from} → ${to})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('commands reach cli only for types (the dispatcher is above them)', () => {
    const offenders = files.filter(({ file }) => area(file) === 'commands').filter(({ file }) =>
      /^import (?!type)[^;]*'\.\.\/cli\//m.test(readFileSync(path.join(SRC, file), 'utf8')),
    );
    assert.deepEqual(offenders.map((f) => f.file), []);
  });

  it('the reloader never imports the settings loader or the module loader (no user code)', () => {
    const offenders = files
      .filter(({ file }) => area(file) === 'reloader')
      .filter(({ imports }) => imports.some((i) => i === path.join('conf', 'load.ts') || i === path.join('conf', 'modules.ts')));
    assert.deepEqual(offenders.map((f) => f.file), []);
  });

  it('process.exit is called in exactly one place: cli/main.ts', () => {
    const callers = files.filter(({ file }) => /process\.exit\(/.test(readFileSync(path.join(SRC, file), 'utf8'))).map((f) => f.file);
    assert.deepEqual(callers, [path.join('cli', 'main.ts')]);
  });
});
