/**
 * Django's system check report, byte for byte: grouped by level, each group sorted by the rendered
 * line, a header and a "System check identified ..." footer.
 */
import { CheckMessage, CRITICAL, ERROR, INFO, WARNING } from './messages.js';

export interface ReportStyle {
  error(text: string): string;
  warning(text: string): string;
}

const plain: ReportStyle = { error: (t) => t, warning: (t) => t };

export interface CheckReport {
  /** The full text, ending with a newline. Empty when nothing is to be shown. */
  text: string;
  /** stderr when issues are visible (Django), stdout when the report is only the footer. */
  stream: 'stdout' | 'stderr';
  /** A visible message at or above the fail level: the caller raises SystemCheckError. */
  failed: boolean;
}

const GROUPS: Array<[string, (level: number) => boolean]> = [
  ['CRITICALS', (l) => l >= CRITICAL],
  ['ERRORS', (l) => l >= ERROR && l < CRITICAL],
  ['WARNINGS', (l) => l >= WARNING && l < ERROR],
  ['INFOS', (l) => l >= INFO && l < WARNING],
  ['DEBUGS', (l) => l < INFO],
];

export function formatCheckReport(
  all: readonly CheckMessage[],
  options: { silenced: readonly string[]; failLevel?: number; displayNumErrors?: boolean; style?: ReportStyle },
): CheckReport {
  const style = options.style ?? plain;
  const failLevel = options.failLevel ?? ERROR;
  const visible = all.filter((m) => !m.isSilenced(options.silenced));
  let body = '';
  for (const [title, inGroup] of GROUPS) {
    const lines = visible
      .filter((m) => inGroup(m.level))
      .map((m) => (m.isSerious() ? style.error(m.toString()) : style.warning(m.toString())))
      .sort();
    if (lines.length > 0) body += `\n${title}:\n${lines.join('\n')}\n`;
  }
  const header = visible.length > 0 ? 'System check identified some issues:\n' : '';
  let footer = '';
  if (options.displayNumErrors) {
    if (visible.length > 0) footer += '\n';
    const count = visible.length === 0 ? 'no issues' : visible.length === 1 ? '1 issue' : `${visible.length} issues`;
    footer += `System check identified ${count} (${all.length - visible.length} silenced).`;
  }
  const failed = visible.some((m) => m.level >= failLevel);
  if (failed) {
    return { text: `${style.error('SystemCheckError: ' + header)}${body}${footer}\n`, stream: 'stderr', failed };
  }
  const text = header + body + footer;
  return { text: text ? `${text}\n` : '', stream: visible.length > 0 ? 'stderr' : 'stdout', failed };
}
