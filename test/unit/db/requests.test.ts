/**
 * The database through the request pipeline over real HTTP: db() in views, ATOMIC_REQUESTS
 * (commit, rollback, nonAtomicRequests) and 20 concurrent requests writing without SQLITE_BUSY.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { nonAtomicRequests } from '../../../src/db/atomic.js';
import { Databases } from '../../../src/db/databases.js';
import { db } from '../../../src/db/scope.js';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse } from '../../../src/http/response.js';
import { closeAll, serve, tableRouting, type TestServer } from '../../helpers/app-server.js';

const CONCURRENT = 20;
const dir = mkdtempSync(path.join(os.tmpdir(), 'managets-requests-'));
const DATABASES = { default: { ENGINE: 'sqlite', NAME: path.join(dir, 'db.sqlite3') } };
const check = new Databases({ DATABASES, BASE_DIR: dir });
after(async () => {
  await closeAll();
  check.close();
  rmSync(dir, { recursive: true, force: true });
});
check.get().exec('CREATE TABLE hits (id INTEGER PRIMARY KEY, label TEXT NOT NULL, seen INTEGER)');

const labels = (prefix: string) =>
  check.get().query<{ label: string }>('SELECT label FROM hits WHERE label LIKE ? ORDER BY id', [`${prefix}%`]).map((r) => r.label);

const routes = tableRouting({
  /** Writes, waits (so requests overlap), writes again. */
  '/add/': async (request: HttpRequest) => {
    const label = request.GET.get('label')!;
    db().run('INSERT INTO hits (label) VALUES (?)', [`${label}-a`]);
    await sleep(2);
    db().run('INSERT INTO hits (label) VALUES (?)', [`${label}-b`]);
    return new HttpResponse('ok');
  },
  /** Reads, waits, then writes what it read: a transaction that spans awaits. */
  '/count/': async (request: HttpRequest) => {
    await db().transaction(async () => {
      const { n } = db().get<{ n: number }>('SELECT count(*) AS n FROM hits')!;
      await sleep(1);
      db().run('INSERT INTO hits (label, seen) VALUES (?, ?)', [request.GET.get('label')!, n]);
    });
    return new HttpResponse('ok');
  },
  '/fail/': async () => {
    db().run("INSERT INTO hits (label) VALUES ('failed')");
    await sleep(1);
    throw new Error('the view failed');
  },
  '/own/': nonAtomicRequests(async () => {
    db().run("INSERT INTO hits (label) VALUES ('own')");
    throw new Error('the view failed after its own write');
  }),
});

async function hammer(server: TestServer, url: (i: number) => string): Promise<void> {
  const replies = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => server.request(url(i))));
  assert.deepEqual(
    replies.map((r) => r.status),
    replies.map(() => 200),
    replies.map((r) => r.body.slice(0, 300)).join('\n'),
  );
}

describe('db() in views', () => {
  let server: TestServer;
  before(async () => {
    server = await serve({ DATABASES }, routes);
  });

  it(`serves ${CONCURRENT} concurrent writing requests without SQLITE_BUSY`, async () => {
    await hammer(server, (i) => `/add/?label=plain${i}`);
    assert.equal(labels('plain').length, 2 * CONCURRENT);
    await hammer(server, (i) => `/count/?label=counted${i}`);
    const seen = check.get().query<{ seen: number }>("SELECT seen FROM hits WHERE label LIKE 'counted%' ORDER BY id").map((r) => r.seen);
    assert.equal(new Set(seen).size, CONCURRENT, 'async transactions took turns: each saw the previous ones');
  });

  it('commits what a failing view wrote without ATOMIC_REQUESTS', async () => {
    assert.equal((await server.request('/fail/')).status, 500);
    assert.deepEqual(labels('failed'), ['failed']);
    check.get().run("DELETE FROM hits WHERE label = 'failed'");
  });
});

describe('ATOMIC_REQUESTS', () => {
  let server: TestServer;
  before(async () => {
    server = await serve({ DATABASES, ATOMIC_REQUESTS: true }, routes);
  });

  it('commits a view that returns and rolls back one that throws', async () => {
    assert.equal((await server.request('/add/?label=atomic')).status, 200);
    assert.deepEqual(labels('atomic'), ['atomic-a', 'atomic-b']);
    assert.equal((await server.request('/fail/')).status, 500);
    assert.deepEqual(labels('failed'), []);
  });

  it('leaves nonAtomicRequests views to manage their own writes', async () => {
    assert.equal((await server.request('/own/')).status, 500);
    assert.deepEqual(labels('own'), ['own']);
  });

  it(`serves ${CONCURRENT} concurrent writing requests, one transaction each`, async () => {
    await hammer(server, (i) => `/add/?label=wrapped${i}`);
    const rows = labels('wrapped');
    assert.equal(rows.length, 2 * CONCURRENT);
    for (let i = 0; i < rows.length; i += 2) {
      assert.equal(rows[i]!.replace(/-a$/, ''), rows[i + 1]!.replace(/-b$/, ''), 'no request wrote in the middle of another');
    }
  });
});
