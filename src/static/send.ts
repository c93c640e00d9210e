/**
 * Writes a found file to a node ServerResponse: picks the variant, negotiates (200 / 206 / 304 /
 * 416), sets the headers and streams the bytes with fs.createReadStream, so memory use does not
 * depend on the file size.
 */
import { createReadStream, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from './mime.js';
import { negotiateFile } from './negotiate.js';
import { selectVariant } from './variant.js';

/** Development responses are revalidated on every use, so an edited file shows at once. */
export const CACHE_CONTROL = 'no-cache';

/** `name` is the requested file name: its extension gives the Content-Type, even through a symlink. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: { path: string; stat: Stats }, name: string): Promise<void> {
  const variant = await selectVariant(file, req.headers);
  const method = req.method ?? 'GET';
  const decision = negotiateFile(method, req.headers, variant.stat, variant.encoding);
  const headers: Record<string, string> = { ...decision.headers, 'Cache-Control': CACHE_CONTROL };
  if (variant.varies) headers.Vary = 'Accept-Encoding';
  if (decision.status === 200 || decision.status === 206) {
    headers['Content-Type'] = contentTypeFor(name);
    if (variant.encoding) headers['Content-Encoding'] = variant.encoding;
  }
  res.writeHead(decision.status, headers);
  if (method === 'HEAD' || decision.status === 304 || decision.status === 416 || decision.end < decision.start) {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(variant.path, { start: decision.start, end: decision.end }), res);
  } catch {
    // The client went away, or the file vanished mid-stream after the headers were sent: all
    // that can be done is to cut the connection so the client sees a truncated response.
    res.destroy();
  }
}
