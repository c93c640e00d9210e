/**
 * Settings of the example blog. Every UPPERCASE export is a setting; lower-case ones are ignored.
 * Relative paths are relative to BASE_DIR (this project's folder).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserSettings } from 'managets';

/** This project's folder, as Django's `BASE_DIR = Path(__file__).resolve().parent.parent`. */
export const BASE_DIR = fileURLToPath(new URL('..', import.meta.url));

// Development only: a real project keeps its key out of the source (e.g. process.env.SECRET_KEY).
export const SECRET_KEY = 'managets-insecure-example-blog-0b3c9f6e2d1a48c7a5e4f1d2c3b4a5968778695a4b3c';
export const DEBUG: boolean = true;
export const ALLOWED_HOSTS: UserSettings['ALLOWED_HOSTS'] = [];

export const INSTALLED_APPS: UserSettings['INSTALLED_APPS'] = ['managets.contrib.auth', 'blog', 'pages'];

export const MIDDLEWARE: UserSettings['MIDDLEWARE'] = [
  'managets.middleware.SecurityMiddleware',
  'managets.middleware.SessionMiddleware',
  'managets.middleware.CommonMiddleware',
  'managets.middleware.CsrfViewMiddleware',
  'managets.contrib.auth.middleware.AuthenticationMiddleware',
  'managets.middleware.XFrameOptionsMiddleware',
  'blog.middleware.timing',
];

export const ROOT_URLCONF = 'mysite.urls';

export const TEMPLATES: UserSettings['TEMPLATES'] = [
  {
    DIRS: ['templates'],
    APP_DIRS: true,
    OPTIONS: {
      context_processors: [
        'managets.contextProcessors.debug',
        'managets.contextProcessors.request',
        'managets.contextProcessors.csrf',
        'managets.contextProcessors.static',
        'managets.contextProcessors.messages',
        'mysite.context.site',
      ],
    },
  },
];

// SQLite through better-sqlite3; `manage migrate` creates the tables from each app's migrations/.
export const DATABASES: UserSettings['DATABASES'] = { default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' } };

// Login (`manage createsuperuser` makes a user): back to the posts after logging in or out.
export const LOGIN_URL = '/accounts/login/';
export const LOGIN_REDIRECT_URL = '/';
export const LOGOUT_REDIRECT_URL = '/';

export const STATIC_URL = 'static/';
export const STATICFILES_DIRS = ['static'];
export const STATIC_ROOT = 'staticfiles';

export const MEDIA_URL = 'media/';
export const MEDIA_ROOT = path.join(BASE_DIR, 'media'); // absolute: staticPatterns() serves it as given

// The blog's own settings, read by its views and checked by blog/apps.ts.
export const BLOG_TITLE = 'The managets blog';
export const BLOG_POSTS_PER_PAGE = 5;
