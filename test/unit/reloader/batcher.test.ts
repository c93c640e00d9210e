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

  it('cancel drops what is pending', () => {
    const { timers, batches, batcher } = setup();
    batcher.add('restart', '/p/a.ts');
    batcher.cancel();
    timers.advance(1000);
    assert.equal(batches.length, 0);
  });
});

describe('ChangeBatcher.postpone', () => {
  it('extends a pending batch and does nothing without one', () => {
    const { timers, batches, batcher } = setup();
    batcher.postpone();
    timers.advance(100);
    assert.equal(batches.length, 0);
    batcher.add('restart', '/p/a.ts');
    for (let i = 0; i < 5; i++) {
      timers.advance(40);
      batcher.postpone();
    }
    assert.equal(batches.length, 0);
    timers.advance(50);
    assert.equal(batches.length, 1);
  });
});
