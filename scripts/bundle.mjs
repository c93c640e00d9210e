// Builds dist/ JavaScript as an esbuild bundle (tsc then adds only the .d.ts files). Node 20 pays
// per ES module at startup (about 0.5 ms each, more once tsx's hooks thread is involved); the
// ~190 files tsc emitted cost a reload child and a cold start ~80 ms. Code splitting keeps every
// module in exactly one file, so classes stay single (an Http404 thrown by a view is the
// framework's Http404) whichever entry a process came in through.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Files loaded by path from outside the bundle, and why. */
const ENTRIES = [
  'index', // `import ... from 'managets'` (package.json exports)
  'conf/register', // `node --import managets/register manage.ts`
  'cli/main', // bin/manage.js and bin/managets.js
  'commands/runserver/prespawn', // ...which first start runserver's first app child (before the CLI loads)
  // Embedding pieces used directly: test/cli/pipeline-app.test.ts assembles an app by hand, a
  // test worker thread opens its own database connection, and test/fixtures/reloader-lib drives
  // the reloader library without the CLI.
  'conf/load',
  'conf/modules',
  'db/databases',
  'reloader/child',
  'reloader/child-command',
  'reloader/socket',
  'reloader/supervisor',
];

rmSync(`${root}/dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ENTRIES.map((entry) => `src/${entry}.ts`),
  outdir: 'dist',
  outbase: 'src',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  // No keepNames: it wraps every closure in a naming call at creation, per request on hot paths.
  // Class names still matter (errors name themselves after their class): test/cli/bundle.test.ts
  // checks that bundling renamed none of the exported classes.
  sourcemap: true,
  logLevel: 'warning',
});
