/**
 * The page `serve(..., {showIndexes: true})` answers for a directory: Django's built-in
 * directory_index template. Dot-files, and entries whose real path leaves the folder, are hidden.
 */
import { readdir } from 'node:fs/promises';
import { escapeHtml } from './pages.js';
import { resolveInRoot } from './safe-path.js';

/** `dir` is the real folder; `relative` its path below the document root ('' for the root). */
export async function directoryIndexPage(dir: string, relative: string): Promise<string> {
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  const entries: string[] = [];
  for (const name of names) {
    const resolved = await resolveInRoot(dir, [name]);
    if (resolved.kind !== 'missing') entries.push(resolved.kind === 'directory' ? `${name}/` : name);
  }
  const directory = escapeHtml(relative ? `${relative}/` : './');
  const items = entries.map((entry) => `      <li><a href="${escapeHtml(encodeURIComponent(entry).replace(/%2F/g, '/'))}">${escapeHtml(entry)}</a></li>\n`).join('');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta http-equiv="Content-type" content="text/html; charset=utf-8">
    <meta http-equiv="Content-Language" content="en-us">
    <meta name="robots" content="NONE,NOARCHIVE">
    <title>Index of ${directory}</title>
  </head>
  <body>
    <h1>Index of ${directory}</h1>
    <ul>
      <li><a href="../">../</a></li>
${items}    </ul>
  </body>
</html>
`;
}
