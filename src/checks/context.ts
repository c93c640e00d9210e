/** What every check function receives: the settings and the loader for the user's modules. */
import type { ModuleLoader } from '../conf/modules.js';
import type { Settings } from '../conf/settings.js';

export interface CheckContext {
  readonly settings: Settings;
  readonly loader: ModuleLoader;
}
