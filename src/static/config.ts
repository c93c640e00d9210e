/**
 * From settings to the static handler: whether runserver serves static files at all (DEBUG or
 * --insecure, and not --nostatic), with which URL prefix and roots, and Django's
 * ImproperlyConfigured problems (utils.check_settings), shared with the system checks.
 */
import path from 'node:path';
import { ImproperlyConfigured } from '../errors.js';
import type { App } from '../apps/registry.js';
import { staticRoots } from './finders.js';
import { createStaticHandler, type StaticHandler } from './handler.js';

/** runserver's staticfiles options. */
export interface StaticServingFlags {
  /** `--insecure`: serve even with DEBUG off. */
  readonly insecure?: boolean;
  /** `--nostatic`: never serve; /static/ falls through to the URLconf. */
  readonly nostatic?: boolean;
}

/** True for `http://cdn.example/static/` and `//cdn.example/static/`: files live elsewhere. */
export function hasHost(url: string): boolean {
  return /^[a-z][a-z\d+.-]*:\/\/[^/]/i.test(url) || /^\/\/[^/]/.test(url);
}

/** The path a local STATIC_URL/MEDIA_URL matches: `static/` → `/static/` (Django prefixes `/`). */
export function urlPath(url: string): string {
  return hasHost(url) || url.startsWith('/') ? url : `/${url}`;
}

/** The settings this module reads; values are checked at run time (settings.E001 reports types). */
export type StaticSettings = { readonly [K in 'DEBUG' | 'STATIC_URL' | 'STATIC_ROOT' | 'MEDIA_URL' | 'MEDIA_ROOT' | 'STATICFILES_DIRS']?: unknown } & {
  readonly BASE_DIR: string;
};

export interface StaticProblem {
  readonly id: string;
  readonly message: string;
}

/**
 * Django's staticfiles `check_settings`, with its messages. A missing STATIC_URL only matters when
 * there are static files to serve (`hasSources`): a project without any may leave it unset.
 */
export function staticSettingsProblems(settings: StaticSettings, hasSources: boolean): StaticProblem[] {
  const problems: StaticProblem[] = [];
  const staticUrl = typeof settings.STATIC_URL === 'string' && settings.STATIC_URL ? urlPath(settings.STATIC_URL) : '';
  const mediaUrl = typeof settings.MEDIA_URL === 'string' && settings.MEDIA_URL ? urlPath(settings.MEDIA_URL) : '';
  if (!staticUrl && hasSources) {
    problems.push({ id: 'staticfiles.E101', message: "You're using the staticfiles app without having set the required STATIC_URL setting." });
  }
  if (staticUrl && mediaUrl === staticUrl) {
    problems.push({ id: 'staticfiles.E102', message: 'The MEDIA_URL and STATIC_URL settings must have different values' });
  } else if (settings.DEBUG && staticUrl && mediaUrl.startsWith(staticUrl)) {
    problems.push({ id: 'staticfiles.E103', message: "runserver can't serve media if MEDIA_URL is within STATIC_URL." });
  }
  const root = (value: unknown) => (typeof value === 'string' && value ? path.resolve(settings.BASE_DIR, value) : '');
  if (root(settings.MEDIA_ROOT) && root(settings.MEDIA_ROOT) === root(settings.STATIC_ROOT)) {
    problems.push({ id: 'staticfiles.E104', message: 'The MEDIA_ROOT and STATIC_ROOT settings must have different values' });
  }
  return problems;
}

/**
 * The handler runserver puts in front of the pipeline, or undefined when static files are not
 * served (DEBUG off without --insecure, --nostatic, no STATIC_URL and nothing to serve, or a
 * STATIC_URL on another host). Throws ImproperlyConfigured as Django does when the handler is built.
 */
export function staticHandlerFromSettings(
  settings: StaticSettings,
  apps: readonly Pick<App, 'path'>[],
  flags: StaticServingFlags = {},
): StaticHandler | undefined {
  if (flags.nostatic || !(settings.DEBUG || flags.insecure)) return undefined;
  const roots = staticRoots(settings, apps);
  const [problem] = staticSettingsProblems(settings, roots.length > 0);
  if (problem) throw new ImproperlyConfigured(problem.message);
  const url = settings.STATIC_URL;
  if (typeof url !== 'string' || !url || hasHost(url)) return undefined;
  return createStaticHandler({ url: urlPath(url), roots, debug: settings.DEBUG === true });
}
