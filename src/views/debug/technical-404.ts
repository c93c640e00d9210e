/**
 * Django's technical 404 (DEBUG only): the URL patterns tried, with names and namespaces, and
 * whether the path matched none of them or a view raised Http404 itself ("Raised by").
 */
import type { HttpRequest } from '../../http/request.js';
import { HttpResponse, HttpResponseNotFound } from '../../http/response.js';
import { viewLabel } from '../dispatch.js';
import { defaultUrlconfResponse } from './default-urlconf.js';
import { html, type SafeHtml } from '../../http/html.js';
import { debugNotice, debugPage, metaTable } from './page.js';
import { rawUri } from './report.js';

/** One element of a tried chain: an include prefix or the final pattern. */
export interface TriedPattern {
  /** The route or regex as written. */
  readonly route: string;
  readonly name?: string | null | undefined;
  readonly namespace?: string | null | undefined;
}

export type Tried = ReadonlyArray<ReadonlyArray<TriedPattern>>;

/** The patterns a resolver miss carries (the urls layer's Resolver404 sets `tried`). */
function triedOf(value: unknown): Tried | undefined {
  const tried = (value as { tried?: unknown } | null | undefined)?.tried;
  return Array.isArray(tried) ? (tried as Tried) : undefined;
}

export function technical404Response(request: HttpRequest, error: unknown, urlconf: string): HttpResponse {
  const missed = triedOf(error);
  const resolved = missed === undefined;
  const tried = missed ?? triedOf(request.resolverMatch) ?? [];
  if (!resolved && isDefaultUrlconf(tried, request.path)) return defaultUrlconfResponse();
  const reason = error instanceof Error ? error.message : String(error);
  const path = request.pathInfo.slice(1);
  const summary = html`<h1>Page not found <small>(404)</small></h1>
${reason && resolved ? html`<pre class="exception_value">${reason}</pre>` : ''}
${metaTable([
  ['Request Method:', request.method],
  ['Request URL:', rawUri(request)],
  ['Raised by:', resolved && request.resolverMatch ? viewLabel(request.resolverMatch.func) : undefined],
])}`;
  const main = tried.length === 0 ? html`` : html`<div class="card"><div class="body">
<p>Using the URLconf defined in <code>${urlconf}</code>, managets tried these URL patterns, in this order:</p>
<ol class="patterns">${tried.map((chain) => html`
  <li>${chain.map((entry, i) => patternHtml(entry, i === chain.length - 1))}</li>`)}
</ol>
<p>${path ? html`The current path, <code>${path}</code>,` : 'The empty path'} ${resolved ? 'matched the last one.' : 'didn’t match any of these.'}</p>
</div></div>`;
  const body = debugPage({
    title: `Page not found at ${request.pathInfo}`,
    tone: 'notfound',
    summary,
    main,
    explanation: debugNotice('a standard 404 page.'),
  });
  return new HttpResponseNotFound(body, { contentType: 'text/html; charset=utf-8' });
}

function patternHtml(entry: TriedPattern, last: boolean): SafeHtml {
  const label = !last ? '' : entry.name ? ` [name='${entry.name}']` : entry.namespace ? ` [namespace='${entry.namespace}']` : '';
  return html`<code>${entry.route}</code><span class="name">${label}</span> `;
}

/** Django shows "The install worked" for an empty URLconf (or `/` with only the admin include). */
function isDefaultUrlconf(tried: Tried, path: string): boolean {
  if (tried.length === 0) return true;
  const only = tried.length === 1 && tried[0]!.length === 1 ? tried[0]![0]! : undefined;
  return path === '/' && only?.namespace === 'admin';
}
