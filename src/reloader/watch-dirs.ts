/**
 * The directories a child reports to its supervisor, read from the settings: template and static
 * folders (a change there reloads the browser, not the process) and the folders never to watch.
 * Apps' own templates/ and static/ folders come from the app layer, which resolves INSTALLED_APPS.
 */
import path from 'node:path';
import type { Settings } from '../conf/settings.js';
import type { WatchReport } from './protocol.js';

/** Settings-derived part of the watch report (the child adds its error files). */
export function watchReportFromSettings(settings: Settings): Omit<WatchReport, 'errorFiles'> {
  const base = settings.BASE_DIR;
  const resolve = (p: string) => path.resolve(base, p);
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);
  const engines = Array.isArray(settings.TEMPLATES) ? settings.TEMPLATES : [];
  const templateDirs = engines.flatMap((engine) => strings(engine.DIRS).map(resolve));
  const staticDirs = strings(settings.STATICFILES_DIRS).map(resolve);
  const ignored = [
    ...strings([settings.STATIC_ROOT, settings.MEDIA_ROOT]).map(resolve),
    // `*.ext` entries are suffix patterns; anything else is a path relative to BASE_DIR.
    ...strings(settings.WATCH_IGNORE).map((entry) => (entry.startsWith('*') ? entry : resolve(entry))),
  ];
  return { baseDir: base, templateDirs: unique(templateDirs), staticDirs: unique(staticDirs), ignored: unique(ignored), debug: settings.DEBUG === true };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
