// A worker thread that writes to a shared SQLite file through its own connection (the built
// dist/, like the black-box tests; workers cannot load TypeScript through tsx), for the
// concurrent-writers test. Waits at a barrier so all writers start together, then posts its errors.
import { parentPort, workerData } from 'node:worker_threads';
import { Databases } from '../../dist/db/databases.js';

const { baseDir, name, writer, rows, barrier } = workerData;
const databases = new Databases({ DATABASES: { default: { ENGINE: 'sqlite', NAME: name } }, BASE_DIR: baseDir });
const db = databases.get();
db.query('SELECT 1');

const gate = new Int32Array(barrier);
Atomics.add(gate, 0, 1);
Atomics.wait(gate, 1, 0);

const errors = [];
for (let i = 0; i < rows; i++) {
  try {
    if (i % 2 === 0) {
      db.run('INSERT INTO hits (writer, seq) VALUES (?, ?)', [writer, i]);
    } else {
      // Read, then write in one transaction: the pattern that fails with SQLITE_BUSY under deferred locking.
      db.transaction(() => {
        const { n } = db.get('SELECT count(*) AS n FROM hits WHERE writer = ?', [writer]);
        db.run('INSERT INTO hits (writer, seq, seen) VALUES (?, ?, ?)', [writer, i, n]);
      });
    }
  } catch (error) {
    errors.push(`${error.code ?? error.name}: ${error.message}`);
  }
}
databases.close();
parentPort.postMessage(errors);
