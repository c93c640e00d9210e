/** Reading a request body with a size limit, before any view runs. */
import type { IncomingMessage } from 'node:http';
import { BadRequest, RequestDataTooBig } from './errors.js';

const EMPTY = Buffer.alloc(0);

/**
 * Collects the body, failing with RequestDataTooBig (413) as soon as `limit` is crossed. A
 * declared Content-Length over the limit is refused without reading a byte.
 */
export function readBody(req: IncomingMessage, limit: number | null): Promise<Buffer> {
  const declared = req.headers['content-length'];
  // No length and no chunked encoding means no body: skip the stream machinery (hot path).
  if ((declared === undefined || declared === '0') && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve(EMPTY);
  }
  if (declared !== undefined && limit !== null && Number(declared) > limit) {
    return Promise.reject(new RequestDataTooBig());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (limit !== null && size > limit) {
        cleanup();
        req.resume();
        reject(new RequestDataTooBig());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new BadRequest(`The request body could not be read: ${error.message}`));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** `multipart/form-data; boundary=x` → {type: 'multipart/form-data', params: {boundary: 'x'}}. */
export function parseContentType(header: string | undefined): { type: string; params: Record<string, string> } {
  if (!header) return { type: '', params: {} };
  const [type, ...rest] = header.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const cut = part.indexOf('=');
    if (cut === -1) continue;
    const key = part.slice(0, cut).trim().toLowerCase();
    let value = part.slice(cut + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    params[key] = value;
  }
  return { type: type!.trim().toLowerCase(), params };
}
