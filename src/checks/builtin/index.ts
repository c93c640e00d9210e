/**
 * The built-in checks, registered with their tags. Feature folders contribute their own check
 * modules here; apps register theirs through their AppConfig (see apps/).
 */
import { CheckRegistry, Tags } from '../registry.js';
import { checkMiddlewareImportable } from './middleware.js';
import { checkMigrations } from './migrations.js';
import { checkAllowedHosts, checkDebug, checkSecretKey } from './security.js';
import { checkSettingTypes } from './settings.js';
import { checkStaticfilesDirs, checkStaticSettings } from './static.js';
import { checkTemplates } from './templates.js';
import { checkUrlConfig, checkUrlSettings } from './urls.js';

export function createCheckRegistry(): CheckRegistry {
  const registry = new CheckRegistry();
  registry.register(checkSettingTypes, { tags: [Tags.settings] });
  registry.register(checkAllowedHosts, { tags: [Tags.security] });
  registry.register(checkMiddlewareImportable, { tags: [Tags.middleware] });
  registry.register(checkMigrations, { tags: [Tags.migrations] });
  registry.register(checkStaticfilesDirs, { tags: [Tags.staticfiles] });
  registry.register(checkStaticSettings, { tags: [Tags.staticfiles] });
  registry.register(checkUrlConfig, { tags: [Tags.urls] });
  registry.register(checkUrlSettings, { tags: [Tags.urls] });
  registry.register(checkTemplates, { tags: [Tags.templates] });
  registry.register(checkDebug, { tags: [Tags.security], deploy: true });
  registry.register(checkSecretKey, { tags: [Tags.security], deploy: true });
  return registry;
}
