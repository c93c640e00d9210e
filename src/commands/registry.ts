/**
 * The built-in commands, loaded lazily so `manage --help` never imports runserver's graph.
 * `section` is the heading in `manage help` (Django's [django], [staticfiles], [auth]).
 */
import type { CommandDefinition } from './command.js';

export interface CommandEntry {
  name: string;
  section: string;
  load(): Promise<CommandDefinition>;
}

const entry = (name: string, section: string, load: () => Promise<{ default: CommandDefinition }>): CommandEntry => ({
  name,
  section,
  load: async () => (await load()).default,
});

export const BUILTIN_COMMANDS: readonly CommandEntry[] = Object.freeze([
  entry('check', 'managets', () => import('./check.js')),
  entry('diffsettings', 'managets', () => import('./diffsettings.js')),
  entry('runserver', 'managets', () => import('./runserver.js')),
  entry('version', 'managets', () => import('./version.js')),
  entry('collectstatic', 'staticfiles', () => import('./collectstatic.js')),
  entry('findstatic', 'staticfiles', () => import('./findstatic.js')),
]);
