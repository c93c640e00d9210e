/** Decoding a request path the way Django's WSGI handler does. */

/** Consecutive `%XX` escapes: decoded together, since one character may span several. */
export const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Percent-decodes a path; runs that are not valid UTF-8 stay percent-encoded (Django's
 * repercent_broken_unicode) instead of failing the request.
 */
export function decodePath(raw: string): string {
  if (!raw.includes('%')) return raw;
  return raw.replace(PERCENT_RUN, (run) => {
    const bytes = Buffer.from(run.replace(/%/g, ''), 'hex');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return run;
    }
  });
}

/** Splits a request target into its raw path and query string; `//x` collapses to `/x`. */
export function splitTarget(target: string): { rawPath: string; query: string } {
  const cut = target.indexOf('?');
  // The usual origin-form target (`/x?q`): none of the rewrites below apply.
  if (target.charCodeAt(0) === 47 && target.charCodeAt(1) !== 47) {
    return cut === -1 ? { rawPath: target, query: '' } : { rawPath: target.slice(0, cut), query: target.slice(cut + 1) };
  }
  let rawPath = cut === -1 ? target : target.slice(0, cut);
  const query = cut === -1 ? '' : target.slice(cut + 1);
  // An absolute-form target (GET http://host/x HTTP/1.1) routes by its path.
  if (rawPath[0] !== '/' && /^[a-z][a-z0-9+.-]*:\/\//i.test(rawPath)) rawPath = rawPath.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') || '/';
  // Django's WSGIRequestHandler: a leading // would make redirects protocol-relative.
  if (rawPath.startsWith('//')) rawPath = '/' + rawPath.replace(/^\/+/, '');
  if (!rawPath.startsWith('/')) rawPath = '/' + rawPath;
  return { rawPath, query };
}
