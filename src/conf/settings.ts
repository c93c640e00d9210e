/**
 * The types of settings: what a settings module exports (`UserSettings`) and the resolved,
 * deep-frozen object passed down through the program (`Settings`).
 */

/** A dotted path (`blog.middleware.timing`) or a direct reference to the thing it names. */
export type Importable<T> = string | T;

export interface TemplateEngineSettings {
  /** Defaults to the eta backend. */
  BACKEND?: string;
  /** The engine's alias (default `eta`); must be unique when there are several engines. */
  NAME?: string;
  /** Directories searched first, relative to the project root. */
  DIRS?: string[];
  /** Also search each installed app's `templates/` folder. */
  APP_DIRS?: boolean;
  OPTIONS?: {
    context_processors?: Array<Importable<(...args: any[]) => unknown>>;
    /** HTML-escape `<%= %>` output (default true); `<%~ %>` is always raw. */
    autoescape?: boolean;
    [key: string]: unknown;
  };
}

export interface DatabaseSettings {
  ENGINE: string;
  NAME: string;
  [key: string]: unknown;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** One of runserver's loggers. Messages below `level` are dropped. */
export interface LoggerSettings {
  /** Default `INFO`. */
  level?: LogLevel;
  /** Append to this file (relative to the project root) instead of stderr; never coloured. */
  file?: string;
}

export interface LoggingSettings {
  loggers?: {
    /** The request log and HTTP-layer errors (Django's django.server). On by default. */
    server?: LoggerSettings;
    /** Errors while handling requests, e.g. `Not Found: /x` (django.request). By default only with DEBUG. */
    request?: LoggerSettings;
    /** The auto-reloader's messages (django.utils.autoreload). By default only with DEBUG. */
    reload?: LoggerSettings;
  };
}

/** The settings managets knows, with their types. */
export interface KnownSettings {
  DEBUG?: boolean;
  SECRET_KEY?: string;
  ALLOWED_HOSTS?: string[];
  INSTALLED_APPS?: string[];
  MIDDLEWARE?: Array<Importable<unknown>>;
  ROOT_URLCONF?: string;
  TEMPLATES?: TemplateEngineSettings[];
  STATIC_URL?: string | null;
  STATICFILES_DIRS?: string[];
  STATIC_ROOT?: string | null;
  MEDIA_URL?: string;
  MEDIA_ROOT?: string;
  APPEND_SLASH?: boolean;
  PREPEND_WWW?: boolean;
  DATA_UPLOAD_MAX_MEMORY_SIZE?: number | null;
  FILE_UPLOAD_MAX_MEMORY_SIZE?: number;
  DATA_UPLOAD_MAX_NUMBER_FIELDS?: number | null;
  SILENCED_SYSTEM_CHECKS?: string[];
  USE_X_FORWARDED_HOST?: boolean;
  SECURE_PROXY_SSL_HEADER?: [string, string] | null;
  SESSION_COOKIE_NAME?: string;
  SESSION_COOKIE_AGE?: number;
  SESSION_COOKIE_SECURE?: boolean;
  SESSION_COOKIE_HTTPONLY?: boolean;
  SESSION_COOKIE_SAMESITE?: 'Lax' | 'Strict' | 'None' | false;
  SESSION_COOKIE_PATH?: string;
  SESSION_COOKIE_DOMAIN?: string | null;
  SESSION_EXPIRE_AT_BROWSER_CLOSE?: boolean;
  SESSION_SAVE_EVERY_REQUEST?: boolean;
  CSRF_COOKIE_NAME?: string;
  CSRF_HEADER_NAME?: string;
  CSRF_COOKIE_SECURE?: boolean;
  CSRF_COOKIE_HTTPONLY?: boolean;
  CSRF_COOKIE_SAMESITE?: 'Lax' | 'Strict' | 'None' | false;
  CSRF_COOKIE_AGE?: number | null;
  CSRF_COOKIE_PATH?: string;
  CSRF_COOKIE_DOMAIN?: string | null;
  CSRF_TRUSTED_ORIGINS?: string[];
  CSRF_FAILURE_VIEW?: Importable<unknown> | null;
  X_FRAME_OPTIONS?: 'DENY' | 'SAMEORIGIN';
  SECURE_CONTENT_TYPE_NOSNIFF?: boolean;
  SECURE_REFERRER_POLICY?: string | null;
  SECURE_CROSS_ORIGIN_OPENER_POLICY?: string | null;
  SECURE_HSTS_SECONDS?: number;
  SECURE_HSTS_INCLUDE_SUBDOMAINS?: boolean;
  SECURE_HSTS_PRELOAD?: boolean;
  SECURE_SSL_REDIRECT?: boolean;
  SECURE_SSL_HOST?: string | null;
  SECURE_REDIRECT_EXEMPT?: string[];
  DISALLOWED_USER_AGENTS?: RegExp[];
  LANGUAGE_CODE?: string;
  LANGUAGES?: Array<[string, string]>;
  LANGUAGE_COOKIE_NAME?: string;
  DEFAULT_CHARSET?: string;
  LOGIN_URL?: string;
  LOGIN_REDIRECT_URL?: string;
  LOGOUT_REDIRECT_URL?: string | null;
  DATABASES?: Record<string, DatabaseSettings>;
  ATOMIC_REQUESTS?: boolean;
  LOGGING?: LoggingSettings;
  /** Inject the live-reload script into HTML pages (DEBUG only). */
  LIVE_RELOAD?: boolean;
  /** Extra paths the reloader ignores, relative to the project root. */
  WATCH_IGNORE?: string[];
}

/** Everything a settings module may export. Unknown UPPERCASE names are kept as-is. */
export interface UserSettings extends KnownSettings {
  [name: string]: unknown;
}

type DeepReadonly<T> = T extends (...args: any[]) => unknown
  ? T
  : T extends RegExp
    ? T
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** The resolved settings: defaults merged with the user's module, validated and deep-frozen. */
export type Settings = DeepReadonly<
  Required<Omit<KnownSettings, 'DATABASES'>> & {
    DATABASES: Record<string, DatabaseSettings>;
    /** The dotted name or path of the settings module (shown in runserver's banner). */
    SETTINGS_MODULE: string;
    /** Absolute path of the settings file that was loaded. */
    SETTINGS_FILE: string;
    /** Directory dotted names resolve against and relative paths are relative to. */
    BASE_DIR: string;
    /** The names the user's module set explicitly (diffsettings, checks). */
    EXPLICIT: readonly string[];
  }
> & { readonly [name: string]: unknown };
