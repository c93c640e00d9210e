/**
 * A raw HTTP/1.x client for hostile input: sends bytes exactly as given (optionally trickled),
 * records what came back and how the connection ended, and parses the responses strictly enough
 * to tell a well-formed answer from garbage.
 */
import net from 'node:net';

export interface Exchange {
  /** Everything received. */
  readonly bytes: Buffer;
  /** The server closed (or reset) the connection. */
  readonly closed: boolean;
  /** Neither an answer nor a close within the deadline. */
  readonly hung: boolean;
  readonly error?: string;
}

export interface SendOptions {
  /** Give up after this long (the connection is then destroyed and `hung` reported). */
  timeoutMs?: number;
  /** Delay between chunks (a trickling client). */
  gapMs?: number;
  /** Half-close after the last chunk, so a server waiting for more bytes must answer or close. */
  end?: boolean;
}

export function sendRaw(port: number, chunks: readonly Buffer[], options: SendOptions = {}): Promise<Exchange> {
  const { timeoutMs = 10_000, gapMs = 0, end = true } = options;
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let settled = false;
    const socket = net.connect(port, '127.0.0.1');
    const finish = (result: { closed: boolean; hung: boolean; error?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve({ bytes: Buffer.concat(received), ...result });
    };
    const deadline = setTimeout(() => finish({ closed: false, hung: true }), timeoutMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('close', () => finish({ closed: true, hung: false }));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset or a refused write after the server gave up on us is a close, not a failure.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish({ closed: true, hung: false });
      else finish({ closed: false, hung: false, error: error.code ?? error.message });
    });
    socket.on('connect', async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (settled || socket.destroyed) return;
        if (i > 0 && gapMs) await new Promise((r) => setTimeout(r, gapMs));
        if (!socket.destroyed) socket.write(chunk);
      }
      if (end && !socket.destroyed) socket.end();
    });
  });
}

export interface ParsedResponse {
  readonly version: string;
  readonly status: number;
  /** Lower-cased names; repeated headers joined with `\n`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * Every response in `bytes`, in order; `rest` holds bytes that are not a well-formed response
 * (empty when everything parsed). Framing: Content-Length, chunked, or read to the close.
 * `noBody` lists responses (by index) to HEAD requests.
 */
export function parseResponses(bytes: Buffer, noBody: ReadonlySet<number> = new Set()): { responses: ParsedResponse[]; rest: Buffer } {
  const responses: ParsedResponse[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', at);
    if (headEnd === -1) break;
    const lines = bytes.subarray(at, headEnd).toString('latin1').split('\r\n');
    const statusLine = /^HTTP\/(1\.[01]) ([1-5]\d\d)(?: [^\r\n]*)?$/.exec(lines[0]!);
    if (!statusLine) break;
    const headers: Record<string, string> = {};
    let wellFormed = true;
    for (const line of lines.slice(1)) {
      const match = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/.exec(line);
      if (!match || /[\r\n\0]/.test(match[2]!)) wellFormed = false;
      else {
        const name = match[1]!.toLowerCase();
        headers[name] = name in headers ? `${headers[name]}\n${match[2]}` : match[2]!;
      }
    }
    if (!wellFormed) break;
    const status = Number(statusLine[2]);
    let bodyStart = headEnd + 4;
    let body: Buffer;
    if (noBody.has(responses.length) || status === 204 || status === 304 || status < 200) body = Buffer.alloc(0);
    else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const decoded = dechunk(bytes, bodyStart);
      if (!decoded) break;
      body = decoded.body;
      bodyStart = decoded.end;
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (!/^\d+$/.test(headers['content-length']) || bodyStart + length > bytes.length) break;
      body = bytes.subarray(bodyStart, bodyStart + length);
      bodyStart += length;
    } else {
      body = bytes.subarray(bodyStart);
      bodyStart = bytes.length;
    }
    responses.push({ version: statusLine[1]!, status, headers, body });
    at = bodyStart;
  }
  return { responses, rest: bytes.subarray(at) };
}

function dechunk(bytes: Buffer, start: number): { body: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1').split(';')[0]!, 16);
    if (Number.isNaN(size)) return undefined;
    at = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = bytes.indexOf('\r\n', at);
      if (trailerEnd === -1) return undefined;
      return { body: Buffer.concat(parts), end: trailerEnd + 2 };
    }
    if (at + size + 2 > bytes.length) return undefined;
    parts.push(bytes.subarray(at, at + size));
    at += size + 2;
  }
}
