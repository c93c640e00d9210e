/**
 * The directories a child reports to its supervisor, read from the settings: template and static
 * folders (a change there reloads the browser, not the process) and the folders never to watch.
 */
import path from 'node:path';
import { appDirectory } from '../apps/registry.js';
import type { Settings } from '../conf/settings.js';
import type { WatchReport } from './protocol.js';

/** Settings-derived part of the watch report (the child adds its error files). */
export function watchReportFromSettings(settings: Settings): Omit<WatchReport, 'errorFiles'> {
  const base = settings.BASE_DIR;
  const resolve = (p: string) => path.resolve(base, p);
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);
  const appDirs = strings(settings.INSTALLED_APPS).map((name) => appDirectory(name, base));
  const engines = Array.isArray(settings.TEMPLATES) ? settings.TEMPLATES : [];
  const templateDirs = engines.flatMap((engine) => [
    ...strings(engine.DIRS).map(resolve),
    ...(engine.APP_DIRS ? appDirs.map((dir) => path.join(dir, 'templates')) : []),
  ]);
  const staticDirs = [...strings(settings.STATICFILES_DIRS).map(resolve), ...appDirs.map((dir) => path.join(dir, 'static'))];
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
