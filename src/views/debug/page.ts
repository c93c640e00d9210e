/**
 * The shared frame of the debug pages: one stylesheet (light and dark), a summary header, the
 * body sections and the DEBUG footer. Collapsible parts are plain <details>, so no script runs.
 */
import { html, trusted, type SafeHtml } from '../../http/html.js';

const STYLE = trusted(`
:root { color-scheme: light dark; --bg:#f7f7f5; --fg:#1f2328; --muted:#6b6f76; --card:#fff; --line:#e3e3df;
  --accent:#b42318; --tint:#fff4e5; --tint-soft:#fffbea; --code:#f3f3f0; --hit:#ffe7a3; --link:#2457c5; }
@media (prefers-color-scheme: dark) { :root { --bg:#17181b; --fg:#e6e6e3; --muted:#9a9ea6; --card:#1f2125;
  --line:#33363c; --accent:#ff8a80; --tint:#2d2218; --tint-soft:#26241a; --code:#25272c; --hit:#4d3f12; --link:#8ab4ff; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
a { color: var(--link); }
#summary { background: var(--tint); border-bottom: 1px solid var(--line); padding: 28px 40px 22px; }
#summary.notfound { background: var(--tint-soft); }
h1 { margin: 0 0 6px; font-size: 26px; font-weight: 650; letter-spacing: -.01em; overflow-wrap: anywhere; }
h1 small { color: var(--muted); font-weight: 400; font-size: 60%; }
pre.exception_value { font: 500 18px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--accent); margin: 10px 0 18px; }
table.meta { border-collapse: collapse; }
table.meta th { text-align: right; color: var(--muted); font-weight: 500; padding: 2px 14px 2px 0; white-space: nowrap; vertical-align: top; }
table.meta td { padding: 2px 0; overflow-wrap: anywhere; }
main { padding: 26px 40px 8px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin: 0 0 18px; overflow: hidden; }
.card > .body { padding: 4px 20px 16px; }
details > summary { cursor: pointer; list-style: none; }
details > summary::-webkit-details-marker { display: none; }
details > summary::before { content: "\\25B8"; display: inline-block; width: 1.1em; color: var(--muted); transition: transform .12s; }
details[open] > summary::before { transform: rotate(90deg); }
.card > summary { padding: 13px 20px; font-size: 17px; font-weight: 650; }
.card > summary .hint { font-size: 13px; font-weight: 400; color: var(--muted); margin-left: 8px; }
h3 { font-size: 14px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 18px 0 6px; }
h4 { font-weight: 400; margin: 6px 0 10px; }
p { margin: 10px 0; }
p code, td > code, h4 code { background: var(--code); padding: 1px 5px; border-radius: 4px; }
.group > summary { padding: 9px 20px; color: var(--muted); font-size: 13px; }
.group > .frame { margin-left: 18px; border-top: 1px dashed var(--line); }
.empty { color: var(--muted); font-style: italic; margin: 4px 0 8px; }
table.vars { width: 100%; border-collapse: collapse; }
table.vars th { text-align: left; font-size: 12px; font-weight: 500; color: var(--muted); padding: 4px 10px; border-bottom: 1px solid var(--line); }
table.vars td { vertical-align: top; padding: 5px 10px; border-bottom: 1px solid var(--line); }
table.vars td.key { width: 28%; white-space: nowrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; color: var(--muted); }
.frame { border-top: 1px solid var(--line); }
.frame > summary { padding: 9px 20px; overflow-wrap: anywhere; }
.frame .fn { font-weight: 600; }
.frame .where { color: var(--muted); }
.frame.library > summary { color: var(--muted); }
.frame.library .fn { font-weight: 400; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; background: var(--code); color: var(--muted); margin-left: 6px; vertical-align: 1px; }
.source { background: var(--code); margin: 0 20px 12px; border-radius: 6px; padding: 6px 0; overflow-x: auto;
  font: 13px/1.6 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
.source .line { display: grid; grid-template-columns: 4.5em 1fr; white-space: pre; }
.source .line .no { text-align: right; padding-right: 14px; color: var(--muted); user-select: none; }
.source .line.current { background: var(--hit); }
.source .line.current .no { color: var(--fg); font-weight: 600; }
.cause { padding: 12px 20px; border-top: 1px solid var(--line); font-weight: 600; }
ol.patterns { margin: 8px 0 12px; padding-left: 2.2em; }
ol.patterns li { padding: 3px 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
ol.patterns .name { color: var(--muted); }
ul.tried { margin: 4px 0 12px; padding-left: 1.4em; }
#explanation { padding: 6px 40px 34px; color: var(--muted); font-size: 13px; }
`);

export interface PageParts {
  title: string;
  /** Extra class on the summary header (`notfound` softens the colour). */
  tone?: string;
  summary: SafeHtml;
  main: SafeHtml;
  explanation: SafeHtml;
}

export function debugPage(parts: PageParts): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${parts.title}</title>
  <style>${STYLE}</style>
</head>
<body>
<header id="summary"${parts.tone ? trusted(` class="${parts.tone}"`) : ''}>
${parts.summary}
</header>
<main id="info">
${parts.main}
</main>
<footer id="explanation">
  <p>${parts.explanation}</p>
</footer>
</body>
</html>
`.value;
}

/** Rows of the summary table; rows whose value is undefined are left out. */
export function metaTable(rows: Array<[string, unknown]>): SafeHtml {
  const visible = rows.filter(([, value]) => value !== undefined);
  return html`<table class="meta">${visible.map(([label, value]) => html`
  <tr><th>${label}</th><td>${value}</td></tr>`)}
</table>`;
}

/** A two-column Variable/Value table, or the "No … data" line Django prints when empty. */
export function varsTable(rows: ReadonlyArray<readonly [string, string]>, empty: string, heading = 'Variable'): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table class="vars"><thead><tr><th>${heading}</th><th>Value</th></tr></thead><tbody>${rows.map(
    ([key, value]) => html`
  <tr><td class="key">${key}</td><td><pre>${value}</pre></td></tr>`,
  )}</tbody></table>`;
}

/** Django's DEBUG footer; `rest` ends the sentence for the page at hand. */
export function debugNotice(rest: string): SafeHtml {
  return html`You’re seeing this error because you have <code>DEBUG = True</code> in your settings file. Change that to <code>False</code>, and managets will display ${rest}`;
}
