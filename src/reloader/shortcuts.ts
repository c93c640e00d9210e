/**
 * Terminal shortcuts, read a line at a time (never raw mode, so Ctrl-C keeps working) and only
 * from a TTY: a pipe or file on stdin belongs to the app, not to us.
 */
import { createInterface, type Interface } from 'node:readline';

export type ShortcutAction = 'restart' | 'open' | 'clear' | 'quit' | 'help';

const KEYS: Readonly<Record<string, ShortcutAction>> = Object.freeze({
  r: 'restart',
  rs: 'restart',
  o: 'open',
  c: 'clear',
  q: 'quit',
  h: 'help',
});

export const SHORTCUTS_HELP = [
  'Shortcuts (type the key, then Enter):',
  '  r   restart the server (rs works too)',
  '  o   open the site in the browser',
  '  c   clear the terminal',
  '  q   quit',
  '  h   show this help',
  '',
].join('\n');

export function shortcutFor(line: string): ShortcutAction | undefined {
  return KEYS[line.trim().toLowerCase()];
}

export class Shortcuts {
  readonly #reader: Interface;

  constructor(stdin: NodeJS.ReadableStream, onAction: (action: ShortcutAction) => void) {
    this.#reader = createInterface({ input: stdin, terminal: false });
    this.#reader.on('line', (line) => {
      const action = shortcutFor(line);
      if (action) onAction(action);
    });
  }

  close(): void {
    this.#reader.close();
  }
}

/** The platform's "open this URL" command. */
export function openCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}
