/**
 * Where log lines go, without a write per request on the hot path: lines are batched (per
 * event-loop turn for a terminal or pipe, every few milliseconds for a file), and a file (stderr
 * redirected to a file, or a LOGGING file) is written with async fs.write, one write in flight,
 * so serving never waits on the disk.
 */
import { closeSync, fstatSync, openSync, write } from 'node:fs';

export interface LogSink {
  /** Queues one line (with its newline). */
  write(line: string): void;
  /** Resolves once everything queued so far is written. */
  flush(): Promise<void>;
  /** Flushes, then releases the file the sink opened (not a descriptor it was given). */
  close(): Promise<void>;
}

/** Writes a batch; calls `done` once it is written (or dropped). */
export type RawWrite = (text: string, done: () => void) => void;

/** Files are written at most this often: each write is a thread-pool round trip. A person
 *  reading the file never notices; a terminal gets its lines at the end of each turn. */
const FILE_BATCH_MS = 20;

/**
 * Batches lines: a batch is written `delayMs` after its first line (0: at the end of the
 * event-loop turn), and the next batch only once the previous write completed.
 */
export function batchingSink(rawWrite: RawWrite, delayMs: number, release: () => void = () => {}): LogSink {
  let pending = '';
  let busy = false;
  let scheduled = false;
  let waiters: Array<() => void> = [];
  const drain = () => {
    scheduled = false;
    if (busy) return;
    if (pending === '') {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
      return;
    }
    const text = pending;
    pending = '';
    busy = true;
    rawWrite(text, () => {
      busy = false;
      // Someone waits for a flush: write the rest now. Otherwise the next batch waits its delay
      // too, or a busy server would issue a write per request as soon as each write returns.
      if (waiters.length > 0) drain();
      else if (pending !== '') schedule();
    });
  };
  const schedule = () => {
    if (scheduled || busy) return;
    scheduled = true;
    if (delayMs === 0) setImmediate(drain);
    else setTimeout(drain, delayMs).unref();
  };
  const flush = () =>
    new Promise<void>((resolve) => {
      waiters.push(resolve);
      if (!busy) drain();
    });
  return {
    write(line) {
      pending += line;
      schedule();
    },
    flush,
    async close() {
      await flush();
      release();
    },
  };
}

/** Writes all of `text` to `fd` asynchronously (a short write continues where it stopped). */
function fdWrite(fd: number): RawWrite {
  return (text, done) => {
    const buffer = Buffer.from(text);
    const step = (offset: number) =>
      write(fd, buffer, offset, buffer.length - offset, null, (error, written) => {
        // A log line that can't be written is dropped: logging must never stop the server.
        if (error || offset + written >= buffer.length) done();
        else step(offset + written);
      });
    step(0);
  };
}

/**
 * A sink over an output stream (stderr). When its descriptor is a regular file the stream would
 * write synchronously, so the sink writes to the descriptor itself; TTYs and pipes go through
 * the stream (libuv queues instead of blocking), one batch per turn.
 */
export function streamSink(output: { write(text: string): void; fd?: number | undefined }): LogSink {
  if (output.fd !== undefined && isFile(output.fd)) return batchingSink(fdWrite(output.fd), FILE_BATCH_MS);
  return batchingSink((text, done) => {
    output.write(text);
    done();
  }, 0);
}

/** A sink appending to `file` (created if missing). */
export function fileSink(file: string): LogSink {
  const fd = openSync(file, 'a');
  return batchingSink(fdWrite(fd), FILE_BATCH_MS, () => closeSync(fd));
}

function isFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}
