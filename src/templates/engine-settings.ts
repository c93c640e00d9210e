/**
 * TEMPLATES entries read into plain engine configs, with every problem described once: the
 * system check reports them (templates.E010/E013/E014) and createTemplateEngines refuses them.
 */

/** The one backend there is; BACKEND may be omitted. */
export const ETA_BACKEND = 'managets.templates.backends.eta.EtaTemplates';

/** The alias of an engine without NAME (Django derives `django` from its backend the same way). */
const DEFAULT_NAME = 'eta';

const KNOWN_OPTIONS = new Set(['context_processors', 'autoescape']);

export interface EngineConfig {
  name: string;
  dirs: string[];
  appDirs: boolean;
  /** Dotted paths or functions, resolved by the ModuleLoader. */
  contextProcessors: unknown[];
  autoEscape: boolean;
}

export interface EngineSettingsProblem {
  id: 'templates.E010' | 'templates.E013' | 'templates.E014';
  msg: string;
}

export function readEngineSettings(templates: unknown): { configs: EngineConfig[]; problems: EngineSettingsProblem[] } {
  const configs: EngineConfig[] = [];
  const problems: EngineSettingsProblem[] = [];
  if (!Array.isArray(templates)) return { configs, problems }; // settings.E001 reports the type.
  templates.forEach((entry: unknown, index) => {
    const where = `TEMPLATES[${index}]`;
    const shape = (msg: string) => problems.push({ id: 'templates.E013', msg });
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      shape(`${where} must be an object with BACKEND, DIRS, APP_DIRS and OPTIONS.`);
      return;
    }
    const { BACKEND, NAME, DIRS = [], APP_DIRS = false, OPTIONS = {} } = entry as Record<string, unknown>;
    if (BACKEND !== undefined && BACKEND !== ETA_BACKEND) {
      problems.push({ id: 'templates.E010', msg: `Invalid BACKEND for a template engine: ${String(BACKEND)}. Check your TEMPLATES setting.` });
    }
    if (NAME !== undefined && typeof NAME !== 'string') shape(`${where}['NAME'] must be a string.`);
    if (!Array.isArray(DIRS) || !DIRS.every((dir) => typeof dir === 'string')) shape(`${where}['DIRS'] must be a list of strings.`);
    if (typeof APP_DIRS !== 'boolean') shape(`${where}['APP_DIRS'] must be a boolean.`);
    if (OPTIONS === null || typeof OPTIONS !== 'object' || Array.isArray(OPTIONS)) {
      shape(`${where}['OPTIONS'] must be an object.`);
      return;
    }
    const { context_processors = [], autoescape = true } = OPTIONS as Record<string, unknown>;
    for (const key of Object.keys(OPTIONS)) if (!KNOWN_OPTIONS.has(key)) shape(`${where}['OPTIONS'] has an unknown option '${key}'.`);
    if (!Array.isArray(context_processors)) shape(`${where}['OPTIONS']['context_processors'] must be a list.`);
    if (typeof autoescape !== 'boolean') shape(`${where}['OPTIONS']['autoescape'] must be a boolean.`);
    configs.push({
      name: typeof NAME === 'string' ? NAME : DEFAULT_NAME,
      dirs: Array.isArray(DIRS) ? DIRS.filter((dir): dir is string => typeof dir === 'string') : [],
      appDirs: APP_DIRS === true,
      contextProcessors: Array.isArray(context_processors) ? context_processors : [],
      autoEscape: autoescape !== false,
    });
  });
  const names = configs.map((config) => config.name);
  const duplicates = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (duplicates.length > 0) {
    problems.push({
      id: 'templates.E014',
      msg: `Template engine aliases aren't unique, duplicates: ${duplicates.join(', ')}. Set a unique NAME for each engine in settings.TEMPLATES.`,
    });
  }
  return { configs, problems };
}
