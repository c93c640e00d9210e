/**
 * Writes a found file to a node ServerResponse: picks the variant, negotiates (200 / 206 / 304 /
 * 416), sets the headers and streams the bytes (FileHandle.createReadStream), so memory use does
 * not depend on the file size.
 */
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from './mime.js';
import { negotiateFile } from './negotiate.js';
import { selectVariant } from './variant.js';

/** Files up to this size are read in one go; larger ones are streamed. */
const SMALL_FILE = 64 * 1024;

/** Development responses are revalidated on every use, so an edited file shows at once. */
export const CACHE_CONTROL = 'no-cache';

/**
 * `name` is the requested file name: its extension gives the Content-Type, even through a symlink.
 * Resolves false, having written nothing, when the file vanished before it could be opened.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: { path: string; stat: Stats }, name: string): Promise<boolean> {
  const variant = await selectVariant(file, req.headers);
  const method = req.method ?? 'GET';
  const decision = negotiateFile(method, req.headers, variant.stat, variant.encoding);
  const headers: Record<string, string> = { ...decision.headers, 'Cache-Control': CACHE_CONTROL };
  if (variant.varies) headers.Vary = 'Accept-Encoding';
  if (decision.status === 304 || decision.status === 416) {
    res.writeHead(decision.status, headers).end();
    return true;
  }
  headers['Content-Type'] = contentTypeFor(name);
  if (variant.encoding) headers['Content-Encoding'] = variant.encoding;
  if (method === 'HEAD' || decision.end < decision.start) {
    res.writeHead(decision.status, headers).end();
    return true;
  }
  // Opened before the status line goes out, so a file deleted meanwhile is still a clean 404.
  const handle = await open(variant.path, 'r').catch(() => undefined);
  if (!handle) return false;
  res.writeHead(decision.status, headers);
  const length = decision.end - decision.start + 1;
  try {
    if (length <= SMALL_FILE) {
      // One read and one write: a stream's setup costs more than the bytes of a small file.
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buffer, 0, length, decision.start).finally(() => handle.close());
      if (bytesRead === length) res.end(buffer);
      else res.destroy(); // the file shrank meanwhile: the announced length can't be kept
    } else {
      await pipeline(handle.createReadStream({ start: decision.start, end: decision.end }), res);
    }
  } catch {
    // The client went away, or the read failed after the headers were sent: all that can be
    // done is to cut the connection so the client sees a truncated response.
    res.destroy();
  }
  return true;
}
