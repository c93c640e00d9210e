/**
 * The templates layer's error details for the debug page: the template-loader postmortem of a
 * TemplateDoesNotExist, and the template source around a TemplateSyntaxError/TemplateRenderError
 * (Django's `template_debug`). Read from the error's `info` object by shape.
 */
import { html, type SafeHtml } from '../../http/html.js';

export interface TemplateAttempt {
  engine: string;
  /** `filesystem` or `app_directories`. */
  loader: string;
  /** The file looked at. */
  path: string;
  /** Why it did not load, e.g. `Source does not exist`. */
  status: string;
}

export interface TemplateErrorFrame {
  name: string;
  line: number;
  detail: string;
  source: Array<{ number: number; text: string; current: boolean }>;
}

function infoOf(error: unknown): Record<string, unknown> | undefined {
  const info = error instanceof Error ? (error as { info?: unknown }).info : undefined;
  return info && typeof info === 'object' ? (info as Record<string, unknown>) : undefined;
}

/** The attempts of a TemplateDoesNotExist ([] when no template directory was searched). */
export function templatePostmortem(error: unknown): TemplateAttempt[] | undefined {
  const info = infoOf(error);
  if (info?.kind !== 'TemplateDoesNotExist') return undefined;
  return Array.isArray(info.tried) ? (info.tried as TemplateAttempt[]) : [];
}

export function templateErrorFrame(error: unknown): TemplateErrorFrame | undefined {
  const info = infoOf(error);
  if (info?.kind !== 'TemplateSyntaxError' && info?.kind !== 'TemplateRenderError') return undefined;
  return Array.isArray(info.source) ? (info as unknown as TemplateErrorFrame) : undefined;
}

/** Attempts grouped by engine, in search order. */
function byEngine(tried: TemplateAttempt[]): Array<[string, TemplateAttempt[]]> {
  const groups: Array<[string, TemplateAttempt[]]> = [];
  for (const attempt of tried) {
    const last = groups[groups.length - 1];
    if (last && last[0] === attempt.engine) last[1].push(attempt);
    else groups.push([attempt.engine, [attempt]]);
  }
  return groups;
}

export function postmortemHtml(tried: TemplateAttempt[]): SafeHtml {
  if (tried.length === 0) return html`<p>No templates were found because your 'TEMPLATES' setting is not configured.</p>`;
  return html`<p>managets tried loading these templates, in this order:</p>${byEngine(tried).map(
    ([engine, attempts]) => html`
<p>Using engine <code>${engine}</code>:</p>
<ul class="tried">${attempts.map((t) => html`<li><code>${t.loader}</code>: ${t.path} (${t.status})</li>`)}</ul>`,
  )}`;
}

export function postmortemText(tried: TemplateAttempt[]): string {
  if (tried.length === 0) return "No templates were found because your 'TEMPLATES' setting is not configured.\n";
  const sections = byEngine(tried).map(
    ([engine, attempts]) => `Using engine ${engine}:\n${attempts.map((t) => `    * ${t.loader}: ${t.path} (${t.status})\n`).join('')}`,
  );
  return `managets tried loading these templates, in this order:\n\n${sections.join('')}`;
}

export function templateFrameHtml(frame: TemplateErrorFrame): SafeHtml {
  return html`<p>In template <code>${frame.name}</code>, error at line <strong>${frame.line}</strong></p>
<h4>${frame.detail}</h4>
<div class="source">${frame.source.map(
    (line) => html`<div class="line${line.current ? ' current' : ''}"><span class="no">${line.number}</span><span>${line.text}</span></div>`,
  )}</div>`;
}

export function templateFrameText(frame: TemplateErrorFrame): string {
  const lines = frame.source.map((line) => `   ${line.number} : ${line.text}`).join('\n');
  return `Template error:\nIn template ${frame.name}, error at line ${frame.line}\n   ${frame.detail}\n${lines}\n`;
}
