import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { Databases } from '../../../src/db/databases.js';

const WRITERS = 20;
const ROWS = 100;
const dir = mkdtempSync(path.join(os.tmpdir(), 'managets-concurrency-'));
const workers: Worker[] = [];
after(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  rmSync(dir, { recursive: true, force: true });
});

describe('concurrent writers', () => {
  it(`${WRITERS} threads, each with its own connection, write to one file without SQLITE_BUSY`, async () => {
    const settings = { DATABASES: { default: { ENGINE: 'sqlite', NAME: 'shared.sqlite3' } }, BASE_DIR: dir };
    const setup = new Databases(settings);
    setup.get().exec('CREATE TABLE hits (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, seq INTEGER NOT NULL, seen INTEGER)');
    setup.close();

    const barrier = new SharedArrayBuffer(8);
    const results = Array.from({ length: WRITERS }, (_, writer) => {
      const worker = new Worker(new URL('../../helpers/db-writer.mjs', import.meta.url), {
        workerData: { baseDir: dir, name: 'shared.sqlite3', writer, rows: ROWS, barrier },
      });
      workers.push(worker);
      return new Promise<string[]>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`writer ${writer} exited with ${code} before reporting`)));
      });
    });
    // Release the writers together once every one has its connection open.
    const gate = new Int32Array(barrier);
    const started = Promise.race([
      (async () => {
        while (Atomics.load(gate, 0) < WRITERS) await new Promise((resolve) => setTimeout(resolve, 5));
      })(),
      Promise.all(results),
    ]);
    await started;
    Atomics.store(gate, 1, 1);
    Atomics.notify(gate, 1);

    assert.deepEqual((await Promise.all(results)).flat(), []);
    const check = new Databases(settings);
    assert.deepEqual(check.get().get('SELECT count(*) AS n, count(DISTINCT writer) AS writers FROM hits'), {
      n: WRITERS * ROWS,
      writers: WRITERS,
    });
    check.close();
  });
});
