/**
 * What the templates layer attaches to its errors for the debug page: the template-loader
 * postmortem of a TemplateDoesNotExist, and the source frame of an error raised while rendering
 * (Django's `template_debug`). Read by shape, so views/ does not import templates/.
 */
import { html, type SafeHtml } from '../../http/html.js';

export interface TemplateAttempt {
  /** The file or template name tried. */
  name: string;
  /** Which loader tried it (`filesystem`, `app_directories`…). */
  loader: string;
  /** Why it did not load, e.g. `Source does not exist`. */
  status: string;
}

export interface TemplatePostmortem {
  engine: string;
  tried: TemplateAttempt[];
}

export interface TemplateErrorFrame {
  name: string;
  line: number;
  message: string;
  /** [line number, text] pairs around the error. */
  sourceLines: Array<[number, string]>;
}

/** The postmortem list when `error` is a TemplateDoesNotExist carrying one ([] = no engines). */
export function templatePostmortem(error: unknown): TemplatePostmortem[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TemplateDoesNotExist') return undefined;
  const postmortem = (error as { postmortem?: unknown }).postmortem;
  return Array.isArray(postmortem) ? (postmortem as TemplatePostmortem[]) : [];
}

export function templateErrorFrame(error: unknown): TemplateErrorFrame | undefined {
  const frame = error instanceof Error ? (error as { templateDebug?: unknown }).templateDebug : undefined;
  if (!frame || typeof frame !== 'object') return undefined;
  const candidate = frame as Partial<TemplateErrorFrame>;
  return typeof candidate.name === 'string' && typeof candidate.line === 'number' && Array.isArray(candidate.sourceLines)
    ? (candidate as TemplateErrorFrame)
    : undefined;
}

export function postmortemHtml(postmortem: TemplatePostmortem[]): SafeHtml {
  if (postmortem.length === 0) return html`<p>No templates were found because your 'TEMPLATES' setting is not configured.</p>`;
  return html`<p>managets tried loading these templates, in this order:</p>${postmortem.map(
    (entry) => html`
<p>Using engine <code>${entry.engine}</code>:</p>
<ul class="tried">${
      entry.tried.length === 0
        ? html`<li>This engine did not provide a list of tried templates.</li>`
        : entry.tried.map((t) => html`<li><code>${t.loader}</code>: ${t.name} (${t.status})</li>`)
    }</ul>`,
  )}`;
}

export function postmortemText(postmortem: TemplatePostmortem[]): string {
  if (postmortem.length === 0) return "No templates were found because your 'TEMPLATES' setting is not configured.\n";
  const sections = postmortem.map((entry) => {
    const tried = entry.tried.length === 0
      ? '    This engine did not provide a list of tried templates.\n'
      : entry.tried.map((t) => `    * ${t.loader}: ${t.name} (${t.status})\n`).join('');
    return `Using engine ${entry.engine}:\n${tried}`;
  });
  return `managets tried loading these templates, in this order:\n\n${sections.join('')}`;
}

export function templateFrameHtml(frame: TemplateErrorFrame): SafeHtml {
  return html`<p>In template <code>${frame.name}</code>, error at line <strong>${frame.line}</strong></p>
<h4>${frame.message}</h4>
<div class="source">${frame.sourceLines.map(
    ([number, text]) => html`<div class="line${number === frame.line ? ' current' : ''}"><span class="no">${number}</span><span>${text}</span></div>`,
  )}</div>`;
}

export function templateFrameText(frame: TemplateErrorFrame): string {
  const lines = frame.sourceLines.map(([number, text]) => `   ${number} : ${text}`).join('\n');
  return `Template error:\nIn template ${frame.name}, error at line ${frame.line}\n   ${frame.message}\n${lines}\n`;
}
