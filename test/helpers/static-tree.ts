/**
 * A throw-away project tree for static file tests: a STATICFILES_DIRS root, two app `static/`
 * folders, secrets right next to the roots, and symlinks that try to leave them.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createStaticHandler } from '../../src/static/handler.js';
import { listen, type RunningServer } from './http-server.js';

export const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';
export const DOT_SECRET = 'DOT-FILE-SECRET';
export const SITE_CSS = 'body { color: rebeccapurple; }\n';
export const APP_JS = `console.log(${JSON.stringify('x'.repeat(2000))});\n`;

export interface StaticTree {
  /** The project folder (BASE_DIR). */
  readonly base: string;
  /** STATICFILES_DIRS root, then app1's and app2's `static/`. */
  readonly roots: string[];
  readonly apps: Array<{ path: string }>;
  cleanup(): void;
}

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

export function createStaticTree(): StaticTree {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'managets-static-')));
  const root = path.join(base, 'assets');
  write(path.join(base, 'secret.txt'), SECRET);
  write(path.join(base, 'settings.ts'), `export const SECRET_KEY = '${SECRET}';\n`);
  write(path.join(base, 'assets-private', 'key.txt'), SECRET); // shares the root's name as a prefix
  write(path.join(root, 'css', 'site.css'), SITE_CSS);
  write(path.join(root, 'js', 'app.js'), APP_JS);
  write(path.join(root, 'js', 'app.js.gz'), gzipSync(APP_JS));
  write(path.join(root, 'js', 'app.js.br'), brotliCompressSync(APP_JS));
  write(path.join(root, 'js', 'only-gz.js'), APP_JS);
  write(path.join(root, 'js', 'only-gz.js.gz'), gzipSync(APP_JS));
  write(path.join(root, 'index.html'), '<!doctype html><p>hi</p>\n');
  write(path.join(root, 'data.json'), '{"a":1}\n');
  write(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  write(path.join(root, 'font.woff2'), Buffer.from('wOF2'));
  write(path.join(root, 'blob.xyz'), 'unknown type');
  write(path.join(root, 'empty.txt'), '');
  write(path.join(root, 'digits.txt'), '0123456789');
  write(path.join(root, 'a b é.txt'), 'spaced unicode');
  write(path.join(root, '.env'), DOT_SECRET);
  write(path.join(root, '.hidden', 'x.css'), DOT_SECRET);
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link-out.txt'));
  symlinkSync('../assets-private/key.txt', path.join(root, 'link-prefix.txt'));
  symlinkSync(base, path.join(root, 'link-dir'));
  symlinkSync('css/site.css', path.join(root, 'link-in.css'));
  symlinkSync('.env', path.join(root, 'link-dot.txt'));
  symlinkSync('/etc/passwd', path.join(root, 'passwd'));
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'js', 'app2.js'));
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'js', 'only-gz.js.br')); // a sibling leaving the root
  const app1 = path.join(base, 'app1');
  const app2 = path.join(base, 'app2');
  write(path.join(app1, 'static', 'css', 'site.css'), '/* app1 site.css: shadowed by STATICFILES_DIRS */\n');
  write(path.join(app1, 'static', 'app.css'), '/* app1 */\n');
  write(path.join(app2, 'static', 'app.css'), '/* app2 */\n');
  write(path.join(app2, 'static', 'app2-only.css'), '/* app2 only */\n');
  mkdirSync(path.join(base, 'app3')); // an app without static/
  return {
    base,
    roots: [root, path.join(app1, 'static'), path.join(app2, 'static')],
    apps: [{ path: app1 }, { path: app2 }, { path: path.join(base, 'app3') }],
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}

export interface StaticFixture {
  readonly tree: StaticTree;
  readonly server: RunningServer;
  close(): Promise<void>;
}

/**
 * The tree served by the static handler under `/static/` on a real server. Whatever the handler
 * declines gets a "fallback" 404, and a handler that throws a 500 naming the error.
 */
export async function serveStaticTree(options: { debug: boolean }): Promise<StaticFixture> {
  const tree = createStaticTree();
  const handler = createStaticHandler({ url: '/static/', roots: tree.roots, debug: options.debug });
  const server = await listen((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { 'Content-Length': '8' }).end('fallback');
      },
      (error: Error) => res.writeHead(500).end(`handler threw ${error.message}`),
    );
  });
  return {
    tree,
    server,
    close: async () => {
      await server.close();
      tree.cleanup();
    },
  };
}
