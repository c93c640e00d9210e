/**
 * The small HTML pages the static handler answers with when it cannot serve a file. It runs
 * before middleware and the URLconf, so it renders its own: in DEBUG a short readable page
 * (everything HTML-escaped), otherwise Django's standard error skeleton.
 */

export interface PageRequest {
  readonly method: string;
  /** Absolute URL of the request, shown on the DEBUG page. */
  readonly url: string;
  /** The path shown in the title (Django's path_info). */
  readonly path: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Django's default error page (views/defaults.py ERROR_PAGE_TEMPLATE), byte for byte. */
export function standardErrorPage(title: string, details: string): string {
  return `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${details}</p>\n</body>\n</html>\n`;
}

const STANDARD = {
  404: () => standardErrorPage('Not Found', 'The requested resource was not found on this server.'),
  400: () => standardErrorPage('Bad Request (400)', ''),
};

const HEADINGS = { 404: ['Page not found', 'Page not found'], 400: ['Bad Request', 'SuspiciousFileOperation'] } as const;

/**
 * The body for a static 404 or 400. `locations` (DEBUG only) lists the folders that were searched,
 * which is usually the answer to "why is my file not found?".
 */
export function errorPage(status: 400 | 404, debug: boolean, request: PageRequest, message: string, locations: readonly string[] = []): string {
  if (!debug) return STANDARD[status]();
  const [heading, titleWord] = HEADINGS[status];
  const searched =
    locations.length > 0
      ? `  <p>The static files handler looked in these folders, in this order:</p>\n  <ol>\n${locations
          .map((dir) => `    <li><code>${escapeHtml(dir)}</code></li>`)
          .join('\n')}\n  </ol>\n`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>${titleWord} at ${escapeHtml(request.path)}</title>
  <style>body{font:small sans-serif;margin:0}main{padding:10px 20px}h1{font-weight:normal;background:#ffc;margin:0;padding:10px 20px;border-bottom:1px solid #ddd}h1 small{color:#666}th{text-align:left;padding-right:1em}pre{font-size:1.2em}footer{background:#eee;padding:10px 20px;border-top:1px solid #ccc}</style>
</head>
<body>
  <h1>${heading} <small>(${status})</small></h1>
  <main>
  <pre class="exception_value">${escapeHtml(message)}</pre>
  <table>
    <tr><th>Request Method:</th><td>${escapeHtml(request.method)}</td></tr>
    <tr><th>Request URL:</th><td>${escapeHtml(request.url)}</td></tr>
  </table>
${searched}  </main>
  <footer><p>You’re seeing this error because you have <code>DEBUG = True</code> in your settings file. Change that to <code>False</code>, and managets will display a standard ${status} page.</p></footer>
</body>
</html>
`;
}
