import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { batchingSink, fileSink, streamSink } from '../../../src/http/log-sink.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'managets-sink-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('log sinks', () => {
  it('batch lines written in one turn into a single write, in order', async () => {
    const writes: string[] = [];
    const sink = streamSink({ write: (text) => void writes.push(text) });
    sink.write('a\n');
    sink.write('b\n');
    assert.deepEqual(writes, [], 'nothing is written synchronously');
    await sink.flush();
    sink.write('c\n');
    await sink.flush();
    assert.deepEqual(writes, ['a\nb\n', 'c\n']);
  });

  it('write at most one batch per delay while lines keep coming (not one per completed write)', async () => {
    const batches: string[] = [];
    const sink = batchingSink((text, done) => {
      batches.push(text);
      setImmediate(done);
    }, 20);
    const until = Date.now() + 100;
    let sent = 0;
    while (Date.now() < until) {
      sink.write(`${sent++}\n`);
      await sleep(1);
    }
    await sink.flush();
    assert.ok(batches.length <= 8, `${batches.length} writes`);
    assert.equal(batches.join(''), Array.from({ length: sent }, (_, i) => `${i}\n`).join(''));
  });

  it('append to a file asynchronously and keep order across batches', async () => {
    const file = path.join(dir, 'server.log');
    const sink = fileSink(file);
    for (let i = 0; i < 1000; i++) sink.write(`line ${i}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 1000; i < 2000; i++) sink.write(`line ${i}\n`);
    await sink.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 2000);
    assert.deepEqual(lines, Array.from({ length: 2000 }, (_, i) => `line ${i}`));
  });

  it('write a stream backed by a regular file through its descriptor, not the stream', async () => {
    const file = path.join(dir, 'stderr.log');
    const fd = openSync(file, 'a');
    const streamWrites: string[] = [];
    const sink = streamSink({ write: (text) => void streamWrites.push(text), fd });
    sink.write('to the file\n');
    await sink.close();
    closeSync(fd);
    assert.deepEqual(streamWrites, []);
    assert.equal(readFileSync(file, 'utf8'), 'to the file\n');
  });
});
