import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeBatcher, type ChangeBatch, type Timers } from '../../../src/reloader/batcher.js';

/** Manual clock: `advance` fires due timers in order. */
class FakeTimers implements Timers {
  time = 0;
  #next = 1;
  readonly #pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.#pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

function setup(delayMs = 50, maxWaitMs = 500) {
  const timers = new FakeTimers();
  const batches: ChangeBatch[] = [];
  const batcher = new ChangeBatcher({ delayMs, maxWaitMs, onFlush: (b) => batches.push(b), timers });
  return { timers, batches, batcher };
}

describe('ChangeBatcher', () => {
  it('turns a burst of events into one batch after the quiet time', () => {
    const { timers, batches, batcher } = setup();
    batcher.add('restart', '/p/a.ts');
    timers.advance(30);
    batcher.add('restart', '/p/a.ts');
    batcher.add('template', '/p/t.html');
    timers.advance(49);
    assert.equal(batches.length, 0);
    timers.advance(1);
    assert.deepEqual(batches, [{ restart: ['/p/a.ts'], template: ['/p/t.html'], static: [] }]);
  });

  it('twenty rapid saves give one batch', () => {
    const { timers, batches, batcher } = setup();
    for (let i = 0; i < 20; i++) {
      batcher.add('restart', '/p/views.ts');
      timers.advance(10);
    }
    timers.advance(100);
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0]!.restart, ['/p/views.ts']);
  });

  it('flushes after maxWait even when events never stop', () => {
    const { timers, batches, batcher } = setup(50, 200);
    for (let i = 0; i < 30; i++) {
      batcher.add('static', `/p/s${i}.css`);
      timers.advance(20);
    }
    assert.ok(batches.length >= 2, `expected the cap to flush, got ${batches.length}`);
    assert.ok(batches[0]!.static.length <= 11);
  });

  it('acts after the short quiet time for one save, and waits longer once events keep coming', () => {
    const timers = new FakeTimers();
    const batches: ChangeBatch[] = [];
    const batcher = new ChangeBatcher({ delayMs: 10, burstDelayMs: 50, maxWaitMs: 500, onFlush: (b) => batches.push(b), timers });
    // One save: its events within 2 ms, flushed 10 ms after the last.
    batcher.add('restart', '/p/a.ts');
    timers.advance(2);
    batcher.add('restart', '/p/a.ts');
    timers.advance(9);
    assert.equal(batches.length, 0);
    timers.advance(1);
    assert.equal(batches.length, 1);
    // A burst: events for longer than 10 ms, then a 20 ms pause inside it does not split it.
    for (let i = 0; i < 4; i++) {
      batcher.add('restart', '/p/a.ts');
      timers.advance(6);
    }
    timers.advance(20);
    batcher.add('restart', '/p/b.ts');
    timers.advance(49);
    assert.equal(batches.length, 1);
    timers.advance(1);
    assert.deepEqual(batches[1]!.restart, ['/p/a.ts', '/p/b.ts']);
  });

  it('cancel drops what is pending', () => {
    const { timers, batches, batcher } = setup();
    batcher.add('restart', '/p/a.ts');
    batcher.cancel();
    timers.advance(1000);
    assert.equal(batches.length, 0);
  });
});
