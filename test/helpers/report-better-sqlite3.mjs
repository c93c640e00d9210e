// Preloaded with NODE_OPTIONS=--import=<this file>: at exit, says on stderr whether the process
// ever loaded better-sqlite3 (tests that a project without a database never loads the driver).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  if (Object.keys(require.cache).some((file) => file.includes("/better-sqlite3/"))) {
    process.stderr.write('[better-sqlite3 loaded]\n');
  }
});
