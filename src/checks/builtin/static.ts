/** staticfiles.*: Django's finder checks (E002, W004) and its static/media settings errors. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadApps, type App } from '../../apps/registry.js';
import { staticRoots } from '../../static/finders.js';
import { staticSettingsProblems } from '../../static/config.js';
import { Error, Warning, type CheckMessage } from '../messages.js';
import type { CheckContext } from '../context.js';

/** staticfiles.E002 / W004: each STATICFILES_DIRS entry exists and is not STATIC_ROOT. */
export function checkStaticfilesDirs({ settings }: CheckContext): CheckMessage[] {
  const dirs: unknown = settings.STATICFILES_DIRS;
  if (!Array.isArray(dirs)) return []; // settings.E001 reports the type
  const staticRoot = typeof settings.STATIC_ROOT === 'string' && settings.STATIC_ROOT ? path.resolve(settings.BASE_DIR, settings.STATIC_ROOT) : undefined;
  const messages: CheckMessage[] = [];
  for (const dir of dirs.filter((entry): entry is string => typeof entry === 'string')) {
    const absolute = path.resolve(settings.BASE_DIR, dir);
    if (staticRoot === absolute) {
      messages.push(Error('The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting.', { id: 'staticfiles.E002' }));
    }
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
      messages.push(Warning(`The directory '${dir}' in the STATICFILES_DIRS setting does not exist.`, { id: 'staticfiles.W004' }));
    }
  }
  return messages;
}

/** staticfiles.E101–E104: the ImproperlyConfigured cases of Django's staticfiles check_settings. */
export async function checkStaticSettings({ settings, loader }: CheckContext): Promise<CheckMessage[]> {
  // A broken INSTALLED_APPS is reported when the registry is built; here it only means "no app roots".
  const apps: App[] = await loadApps(settings, loader).catch(() => []);
  return staticSettingsProblems(settings, staticRoots(settings, apps).length > 0).map(({ id, message }) => Error(message, { id }));
}
