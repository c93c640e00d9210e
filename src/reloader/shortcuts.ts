/**
 * Terminal shortcuts, read a line at a time (never raw mode, so Ctrl-C keeps working) and only
 * from a TTY: a pipe or file on stdin belongs to the app, not to us.
 */
import { spawn } from 'node:child_process';
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

/** What the keys act on. */
export interface ShortcutHost {
  restart(): void;
  quit(): void;
  write(text: string): void;
  /** The site's address, for `o`. */
  url: string;
  platform: NodeJS.Platform;
}

export class Shortcuts {
  readonly #reader: Interface;

  constructor(stdin: NodeJS.ReadableStream, host: ShortcutHost) {
    this.#reader = createInterface({ input: stdin, terminal: false });
    this.#reader.on('line', (line) => {
      const action = shortcutFor(line);
      if (action) perform(action, host);
    });
  }

  close(): void {
    this.#reader.close();
  }
}

function perform(action: ShortcutAction, host: ShortcutHost): void {
  switch (action) {
    case 'restart':
      return host.restart();
    case 'quit':
      return host.quit();
    case 'clear':
      return host.write('\x1b[2J\x1b[3J\x1b[H');
    case 'help':
      return host.write(SHORTCUTS_HELP);
    case 'open': {
      const { command, args } = openCommand(host.platform, host.url);
      const opener = spawn(command, args, { stdio: 'ignore', detached: true });
      opener.on('error', () => host.write(`Could not open a browser (${command} failed).\n`));
      opener.unref();
    }
  }
}

/** Where a browser reaches the server: `localhost` for a wildcard bind, brackets for IPv6. */
export function browserUrl(bound: { address: string; port: number; family: 'IPv4' | 'IPv6' }, displayHost: string): string {
  const wildcard = bound.address === '0.0.0.0' || bound.address === '::';
  const host = wildcard ? 'localhost' : bound.family === 'IPv6' ? `[${bound.address}]` : displayHost;
  return `http://${host}:${bound.port}/`;
}

/** The platform's "open this URL" command. */
export function openCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}
