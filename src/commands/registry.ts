/**
 * The built-in commands, loaded lazily so `manage --help` never imports runserver's graph.
 * `section` is the heading in `manage help` (Django's [django], [staticfiles], [auth]).
 */
import type { CommandDefinition } from './command.js';

export interface CommandEntry {
  name: string;
  section: string;
  /** Listed only when this app is in INSTALLED_APPS (Django lists [auth] commands only then). */
  app?: string;
  load(): Promise<CommandDefinition>;
}

const entry = (
  name: string,
  section: string,
  load: () => Promise<{ default: CommandDefinition }>,
  app?: string,
): CommandEntry => ({
  name,
  section,
  ...(app ? { app } : {}),
  load: async () => (await load()).default,
});

export const BUILTIN_COMMANDS: readonly CommandEntry[] = Object.freeze([
  entry('changepassword', 'auth', () => import('./changepassword.js'), 'managets.contrib.auth'),
  entry('check', 'managets', () => import('./check.js')),
  entry('createsuperuser', 'auth', () => import('./createsuperuser.js'), 'managets.contrib.auth'),
  entry('dbshell', 'managets', () => import('./dbshell.js')),
  entry('completion', 'managets', () => import('./completion.js')),
  entry('diffsettings', 'managets', () => import('./diffsettings.js')),
  entry('makemigrations', 'managets', () => import('./makemigrations.js')),
  entry('migrate', 'managets', () => import('./migrate.js')),
  entry('showmigrations', 'managets', () => import('./showmigrations.js')),
  entry('shell', 'managets', () => import('./shell.js')),
  entry('showurls', 'managets', () => import('./showurls.js')),
  entry('startapp', 'managets', () => import('./startapp.js')),
  entry('startproject', 'managets', () => import('./startproject.js')),
  entry('version', 'managets', () => import('./version.js')),
  entry('collectstatic', 'staticfiles', () => import('./collectstatic.js')),
  entry('findstatic', 'staticfiles', () => import('./findstatic.js')),
  // Django lists the staticfiles variant (the one that serves STATIC_URL) under [staticfiles].
  entry('runserver', 'staticfiles', () => import('./runserver.js')),
]);
