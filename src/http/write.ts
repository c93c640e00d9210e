/**
 * Writing an HttpResponse to node's ServerResponse: status, headers, cookies, body. A client that
 * went away is not an error.
 */
import type { ServerResponse } from 'node:http';
import type { HttpResponse } from './response.js';
import { StreamingHttpResponse, type BodyChunk } from './streaming.js';

/** Bodies up to this size are merged with the head into one write. */
const SINGLE_WRITE_MAX = 16 * 1024;

/** Synchronous for buffered responses (the hot path: no promise per request), a promise when streaming. */
export function writeResponse(res: ServerResponse, response: HttpResponse, options: { head: boolean }): Promise<void> | undefined {
  // A flat [name, value...] list: node's writeHead takes it as is (one Set-Cookie line per cookie).
  const headers = response.headers.toFlatList();
  for (const cookie of response.setCookieHeaders()) headers.push('Set-Cookie', cookie);
  const bodiless = options.head || response.status === 304 || response.status === 204 || response.status < 200;
  if (!(response instanceof StreamingHttpResponse)) {
    if (!response.headers.has('Content-Length') && !(response.status === 304 || response.status === 204)) {
      headers.push('Content-Length', String(response.contentLength));
    }
    res.writeHead(response.status, response.reasonPhrase, headers);
    if (bodiless) {
      res.end();
      return;
    }
    // node sends a string body in the same write as the head; a small Buffer body goes as a latin1
    // string (byte for byte) for the same reason.
    const body = response.body;
    if (typeof body === 'string') res.end(body, 'utf8');
    else if (body.length <= SINGLE_WRITE_MAX) res.end(body.toString('latin1'), 'latin1');
    else res.end(body);
    return;
  }
  res.writeHead(response.status, response.reasonPhrase, headers);
  if (bodiless) {
    res.end();
    closeIterable(response.streamingContent);
    return;
  }
  return streamBody(res, response.streamingContent);
}

async function streamBody(res: ServerResponse, content: AsyncIterable<BodyChunk> | Iterable<BodyChunk>): Promise<void> {
  try {
    for await (const chunk of content) {
      if (res.destroyed) break;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (!res.write(buffer)) await waitForDrain(res);
    }
  } finally {
    closeIterable(content);
  }
  if (!res.destroyed) res.end();
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Releases a stream (an open file) that will not be read to the end. */
function closeIterable(content: unknown): void {
  const destroy = (content as { destroy?: () => void }).destroy;
  if (typeof destroy === 'function') destroy.call(content);
}
