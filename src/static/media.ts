/**
 * Django's django.views.static.serve: a view serving files below `documentRoot` (user uploads
 * under MEDIA_URL in development), wired by the `static()` URL helper. Same protections as the
 * static handler, plus the same negotiation (ETag, 304, ranges, pre-compressed siblings).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Http404, SuspiciousFileOperation } from '../http/errors.js';
import type { HttpRequest } from '../http/request.js';
import { HttpResponse, HttpResponseNotModified } from '../http/response.js';
import { FileResponse } from '../http/streaming.js';
import { directoryIndexPage } from './directory-index.js';
import { contentTypeFor } from './mime.js';
import { negotiateFile } from './negotiate.js';
import { resolveInRoot, splitSafePath } from './safe-path.js';
import { CACHE_CONTROL } from './send.js';
import { selectVariant } from './variant.js';

export interface ServeKwargs {
  /** The file path below the root, as captured by the URL pattern. */
  readonly path: string;
  /** The folder served; a relative one is resolved against the working directory. */
  readonly documentRoot: string;
  /** List a directory's entries instead of answering 404. */
  readonly showIndexes?: boolean;
}

export async function serve(request: HttpRequest, kwargs: ServeKwargs): Promise<HttpResponse> {
  const root = path.resolve(kwargs.documentRoot);
  const requested = String(kwargs.path ?? '');
  const safe = splitSafePath(requested);
  if (!safe.ok) {
    const joined = path.join(root, requested);
    if (safe.status === 400) throw new SuspiciousFileOperation(`The joined path (${joined}) is located outside of the base path component (${root})`);
    throw new Http404(`“${joined}” does not exist`); // hidden names read as missing ones
  }
  const resolved = await resolveInRoot(root, safe.segments);
  if (resolved.kind === 'directory') {
    if (!kwargs.showIndexes) throw new Http404('Directory indexes are not allowed here.');
    return new HttpResponse(await directoryIndexPage(resolved.path, safe.segments.join('/')));
  }
  if (resolved.kind === 'missing') throw new Http404(`“${path.join(root, ...safe.segments)}” does not exist`);

  const headers = Object.fromEntries(request.headers);
  const variant = await selectVariant(resolved, headers);
  const decision = negotiateFile(request.method, headers, variant.stat, variant.encoding);
  const extra: Record<string, string> = { ...decision.headers, 'Cache-Control': CACHE_CONTROL };
  if (variant.varies) extra.Vary = 'Accept-Encoding';
  if (decision.status === 304) return new HttpResponseNotModified({ headers: extra });
  if (decision.status === 416) {
    const response = new HttpResponse('', { status: 416, headers: extra });
    response.headers.delete('Content-Type');
    return response;
  }
  if (variant.encoding) extra['Content-Encoding'] = variant.encoding;
  // An empty file has no byte range to read (createReadStream refuses end < start).
  const body = decision.end < decision.start ? Readable.from([]) : createReadStream(variant.path, { start: decision.start, end: decision.end });
  const name = safe.segments.at(-1)!; // the requested name, even when it is a symlink
  return new FileResponse(body, { status: decision.status, contentType: contentTypeFor(name), headers: extra, filename: name });
}
