/**
 * Django's GZipMiddleware: compresses responses of 200+ bytes for clients that accept gzip (and
 * streams on the fly), keeps the original when compression does not help, varies on
 * Accept-Encoding and weakens a strong ETag.
 */
import { createGzip, gzipSync } from 'node:zlib';
import { pipeline, Readable } from 'node:stream';
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import { StreamingHttpResponse } from '../http/streaming.js';
import { patchVaryHeaders } from '../http/vary.js';
import { MiddlewareMixin } from './mixin.js';

const ACCEPTS_GZIP = /\bgzip\b/;

export class GZipMiddleware extends MiddlewareMixin {
  override processResponse(request: HttpRequest, response: HttpResponse): HttpResponse {
    if (!response.streaming && response.contentLength < 200) return response;
    if (response.headers.has('Content-Encoding')) return response;
    patchVaryHeaders(response, ['Accept-Encoding']);
    if (!ACCEPTS_GZIP.test(request.headers.get('accept-encoding') ?? '')) return response;
    if (response instanceof StreamingHttpResponse) {
      // pipeline() tears the source down too when the client goes away mid-stream.
      response.streamingContent = pipeline(Readable.from(response.streamingContent), createGzip(), () => {});
      response.headers.delete('Content-Length');
    } else {
      const compressed = gzipSync(response.content);
      if (compressed.length >= response.content.length) return response;
      response.content = compressed;
      response.headers.set('Content-Length', compressed.length);
    }
    const etag = response.headers.get('ETag');
    if (etag?.startsWith('"')) response.headers.set('ETag', `W/${etag}`);
    response.headers.set('Content-Encoding', 'gzip');
    return response;
  }
}
