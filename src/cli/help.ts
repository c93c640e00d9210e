/** `manage help`: Django's main help layout, commands grouped under [section] headings. */
import type { Style } from './style.js';

export function formatMainHelp(prog: string, sections: Map<string, string[]>, style: Style, note?: string): string {
  const lines = ['', `Type '${prog} help <subcommand>' for help on a specific subcommand.`, '', 'Available subcommands:'];
  for (const section of [...sections.keys()].sort()) {
    lines.push('', style.notice(`[${section}]`));
    for (const name of [...sections.get(section)!].sort()) lines.push(`    ${name}`);
  }
  if (note) lines.push(style.notice(note));
  return `${lines.join('\n')}\n`;
}
