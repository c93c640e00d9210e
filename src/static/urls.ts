/**
 * Django's django.conf.urls.static.static(): the URL pattern serving a folder in development,
 * usually uploads: `urlpatterns.push(...staticPatterns(MEDIA_URL, { documentRoot: MEDIA_ROOT, debug: DEBUG }))`.
 * Django reads settings.DEBUG globally; there are no global settings here, so DEBUG is passed in.
 */
import { ImproperlyConfigured } from '../errors.js';
import { rePath, type URLPattern } from '../urls/conf.js';
import { pyEscape } from '../urls/regex.js';
import { hasHost } from './config.js';
import { serve } from './media.js';

export interface StaticPatternsOptions {
  /** The folder served (e.g. MEDIA_ROOT); a relative one is resolved against the working directory. */
  readonly documentRoot: string;
  /** The DEBUG setting (as settings type it, possibly undefined): unless true, no pattern is returned. */
  readonly debug: boolean | undefined;
  /** List folders instead of answering 404 (Django's show_indexes). */
  readonly showIndexes?: boolean;
}

/**
 * `^<escaped prefix without its leading />(?P<path>.*)$` routed to `serve`, or no pattern when
 * DEBUG is off or the prefix names another host (`https://cdn.example/media/`).
 */
export function staticPatterns(prefix: string, options: StaticPatternsOptions): URLPattern[] {
  if (!prefix) throw new ImproperlyConfigured('Empty static prefix not permitted');
  if (!options.debug || hasHost(prefix)) return [];
  const kwargs = { documentRoot: options.documentRoot, showIndexes: options.showIndexes === true };
  return [rePath(`^${pyEscape(prefix.replace(/^\/+/, ''))}(?P<path>.*)$`, serve, { kwargs }) as URLPattern];
}
