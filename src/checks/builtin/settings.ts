/** settings.*: every known setting has the type its documentation promises. */
import { Error, type CheckMessage } from '../messages.js';
import type { CheckContext } from '../context.js';

type Kind = 'boolean' | 'string' | 'number' | 'list' | 'list of strings' | 'object' | 'string or null' | 'number or null';

const KINDS: Record<string, Kind> = {
  DEBUG: 'boolean',
  SECRET_KEY: 'string',
  ALLOWED_HOSTS: 'list of strings',
  INSTALLED_APPS: 'list of strings',
  MIDDLEWARE: 'list',
  ROOT_URLCONF: 'string',
  TEMPLATES: 'list',
  STATIC_URL: 'string or null',
  STATICFILES_DIRS: 'list of strings',
  STATIC_ROOT: 'string or null',
  MEDIA_URL: 'string',
  MEDIA_ROOT: 'string',
  APPEND_SLASH: 'boolean',
  PREPEND_WWW: 'boolean',
  DATA_UPLOAD_MAX_MEMORY_SIZE: 'number or null',
  FILE_UPLOAD_MAX_MEMORY_SIZE: 'number',
  DATA_UPLOAD_MAX_NUMBER_FIELDS: 'number or null',
  SILENCED_SYSTEM_CHECKS: 'list of strings',
  USE_X_FORWARDED_HOST: 'boolean',
  SESSION_COOKIE_NAME: 'string',
  SESSION_COOKIE_AGE: 'number',
  SESSION_COOKIE_SECURE: 'boolean',
  SESSION_COOKIE_HTTPONLY: 'boolean',
  CSRF_COOKIE_NAME: 'string',
  CSRF_COOKIE_SECURE: 'boolean',
  CSRF_TRUSTED_ORIGINS: 'list of strings',
  SECURE_HSTS_SECONDS: 'number',
  SECURE_SSL_REDIRECT: 'boolean',
  LANGUAGE_CODE: 'string',
  LANGUAGES: 'list',
  LOGIN_URL: 'string',
  DATABASES: 'object',
  ATOMIC_REQUESTS: 'boolean',
  LOGGING: 'object',
  LIVE_RELOAD: 'boolean',
  WATCH_IGNORE: 'list of strings',
};

const ARTICLE: Record<Kind, string> = {
  boolean: 'a boolean',
  string: 'a string',
  number: 'a number',
  list: 'a list',
  'list of strings': 'a list of strings',
  object: 'an object',
  'string or null': 'a string or null',
  'number or null': 'a number or null',
};

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'list':
      return Array.isArray(value);
    case 'list of strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'string or null':
      return value === null || typeof value === 'string';
    case 'number or null':
      return value === null || (typeof value === 'number' && Number.isFinite(value));
  }
}

/** settings.E001: a known setting holds a value of the wrong type. */
export function checkSettingTypes({ settings }: CheckContext): CheckMessage[] {
  const values = settings as unknown as Record<string, unknown>;
  return Object.entries(KINDS)
    .filter(([name, kind]) => !fits(values[name], kind))
    .map(([name, kind]) =>
      Error(`The ${name} setting must be ${ARTICLE[kind]}, not ${describe(values[name])}.`, {
        id: 'settings.E001',
        hint: `Set ${name} in ${settings.SETTINGS_MODULE} to ${ARTICLE[kind]}.`,
      }),
    );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `a ${typeof value} (${String(value)})`;
}
