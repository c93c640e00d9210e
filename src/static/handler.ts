/**
 * The development static files handler (Django's StaticFilesHandler): requests under STATIC_URL
 * are answered here, before middleware and the URLconf; everything else is left to the pipeline.
 * Files come from the finders' roots, never from STATIC_ROOT. Its 404s are final responses and
 * are not logged as "Not Found" warnings.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodePath, splitTarget } from '../http/path.js';
import { findInRoots } from './finders.js';
import { errorPage } from './pages.js';
import { splitSafePath } from './safe-path.js';
import { sendFile } from './send.js';

export interface StaticHandlerOptions {
  /** URL path prefix with leading and trailing slash, e.g. `/static/`. */
  readonly url: string;
  /** Absolute folders searched in order (see `staticRoots`). */
  readonly roots: readonly string[];
  /** Readable 404 pages (with the folders searched) instead of Django's plain one. */
  readonly debug: boolean;
}

/** Resolves true when it answered the request, false when the path is not under `url`. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const DIRECTORY_MESSAGE = 'Directory indexes are not allowed here.';

export function createStaticHandler(options: StaticHandlerOptions): StaticHandler {
  const { url: prefix, roots, debug } = options;

  function fail(req: IncomingMessage, res: ServerResponse, status: 400 | 404, message: string, shownPath: string): true {
    const request = { method: req.method ?? 'GET', url: `http://${req.headers.host ?? 'localhost'}${req.url ?? ''}`, path: shownPath };
    const body = Buffer.from(errorPage(status, debug, request, message, status === 404 ? roots : []));
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  return async function staticHandler(req, res) {
    // Decoded as HttpRequest.path is: percent-escapes once, broken UTF-8 left encoded, so the
    // prefix test and the file lookup see the same path the URLconf would.
    const decoded = decodePath(splitTarget(req.url ?? '/').rawPath);
    if (!decoded.startsWith(prefix)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' });
      res.end();
      return true;
    }
    const relative = decoded.slice(prefix.length);
    const notFound = relative === '' || relative.endsWith('/') ? DIRECTORY_MESSAGE : `'${relative}' could not be found`;
    const safe = splitSafePath(relative);
    // Hidden names get the same answer as missing ones, so their existence is not revealed.
    if (!safe.ok) return fail(req, res, safe.status, safe.status === 404 ? notFound : safe.reason, decoded);
    const [found] = await findInRoots(roots, safe.segments);
    if (!found) return fail(req, res, 404, notFound, decoded);
    if (found.kind === 'directory') return fail(req, res, 404, DIRECTORY_MESSAGE, decoded);
    if (!(await sendFile(req, res, found, safe.segments.at(-1)!))) return fail(req, res, 404, notFound, decoded);
    return true;
  };
}
