/** Responses whose body is produced over time: StreamingHttpResponse and FileResponse. */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HttpResponse, type ResponseInit } from './response.js';

export type BodyChunk = string | Buffer | Uint8Array;

/** A response streamed from an (async) iterable; no Content-Length is set. */
export class StreamingHttpResponse extends HttpResponse {
  override readonly streaming = true;
  /** Replaceable, so middleware can wrap the stream (GZipMiddleware compresses it on the fly). */
  streamingContent: AsyncIterable<BodyChunk> | Iterable<BodyChunk>;

  constructor(content: AsyncIterable<BodyChunk> | Iterable<BodyChunk>, init: ResponseInit = {}) {
    super('', init);
    this.streamingContent = content;
  }
}

export interface FileResponseInit extends ResponseInit {
  /** Send `Content-Disposition: attachment` (a download) instead of inline. */
  asAttachment?: boolean;
  /** The file name shown to the browser (default: the file's base name). */
  filename?: string;
}

/** Streams a file (by path or readable stream) with Content-Length and Content-Disposition. */
export class FileResponse extends StreamingHttpResponse {
  constructor(file: string | Readable, init: FileResponseInit = {}) {
    const stream = typeof file === 'string' ? createReadStream(file) : file;
    super(stream, { contentType: 'application/octet-stream', ...init });
    const filename = init.filename ?? (typeof file === 'string' ? path.basename(file) : undefined);
    if (typeof file === 'string') this.headers.setDefault('Content-Length', statSync(file).size);
    if (filename !== undefined || init.asAttachment) {
      const disposition = init.asAttachment ? 'attachment' : 'inline';
      this.headers.setDefault('Content-Disposition', filename === undefined ? disposition : `${disposition}; ${dispositionFilename(filename)}`);
    }
  }
}

/** `filename="a.txt"`, or RFC 5987 `filename*=utf-8''...` for non-ASCII names (as Django). */
function dispositionFilename(name: string): string {
  return /^[\x20-\x7e]*$/.test(name)
    ? `filename="${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
    : `filename*=utf-8''${encodeURIComponent(name)}`;
}
