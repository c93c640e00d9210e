/**
 * Settings resolution: find the settings module (--settings → MANAGE_SETTINGS_MODULE →
 * package.json "manage.settings"), import it, keep its UPPERCASE exports, merge them over the
 * defaults, and deep-freeze the result. Type problems are reported by system checks, not here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, ImproperlyConfigured, UserCodeError } from '../errors.js';
import { DEFAULTS } from './defaults.js';
import { SETTINGS_ENV } from './env.js';
import { resolveModuleFile, type ModuleLoader } from './modules.js';
import type { Settings } from './settings.js';

export const NOT_CONFIGURED_MESSAGE =
  `Requested settings, but settings are not configured. You must either define the environment ` +
  `variable ${SETTINGS_ENV} or pass --settings before accessing settings.`;

/** The settings module name from the environment, else from the nearest package.json. */
export function resolveSettingsName(env: NodeJS.ProcessEnv, baseDir: string): string | undefined {
  const fromEnv = env[SETTINGS_ENV];
  if (fromEnv) return fromEnv;
  for (let dir = path.resolve(baseDir); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { manage?: { settings?: unknown } };
        if (typeof parsed.manage?.settings === 'string') return parsed.manage.settings;
      } catch {
        // An unreadable package.json is not ours to report; keep looking upwards.
      }
      return undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Loads, merges and freezes the settings named by the environment. */
export async function loadSettings(env: NodeJS.ProcessEnv, loader: ModuleLoader): Promise<Settings> {
  const name = resolveSettingsName(env, loader.baseDir);
  if (!name) throw new ImproperlyConfigured(NOT_CONFIGURED_MESSAGE, { code: ERROR_CODES.SETTINGS_NOT_CONFIGURED });
  const { file, tried } = resolveModuleFile(name, loader.baseDir);
  if (!file) {
    throw new ImproperlyConfigured(
      `Settings module '${name}' could not be found. Tried:\n${tried.map((p) => `    ${p}`).join('\n')}`,
      { code: ERROR_CODES.SETTINGS_NOT_FOUND },
    );
  }
  let module: Record<string, unknown>;
  try {
    module = await loader.importFile(file);
  } catch (error) {
    if (!(error instanceof UserCodeError)) throw error;
    const where = error.location ? ` (${error.location})` : '';
    const frame = error.frame ? `\n\n${error.frame}` : '';
    throw new UserCodeError(`Settings module '${name}' could not be loaded${where}:\n${error.message}${frame}`, {
      code: ERROR_CODES.SETTINGS_LOAD,
      original: error.original,
      ...(error.location ? { location: error.location } : {}),
      ...(error.frame ? { frame: error.frame } : {}),
    });
  }
  return buildSettings(module, { name, file, baseDir: loader.baseDir });
}

/** Merges a module's UPPERCASE exports over the defaults and deep-freezes the result. */
export function buildSettings(
  module: Record<string, unknown>,
  origin: { name: string; file: string; baseDir: string },
): Settings {
  const explicit = Object.keys(module).filter(isSettingName);
  const merged: Record<string, unknown> = structuredCloneDefaults();
  for (const key of explicit) merged[key] = module[key];
  merged.SETTINGS_MODULE = origin.name;
  merged.SETTINGS_FILE = origin.file;
  merged.BASE_DIR = typeof module.BASE_DIR === 'string' ? module.BASE_DIR : origin.baseDir;
  merged.EXPLICIT = explicit;
  return deepFreeze(merged) as unknown as Settings;
}

/** Django's rule: only names that are entirely upper case are settings. */
export function isSettingName(name: string): boolean {
  return name === name.toUpperCase() && /[A-Z]/.test(name);
}

function structuredCloneDefaults(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(DEFAULTS)) as Record<string, unknown>;
}

/** Freezes plain objects and arrays recursively; functions, classes and RegExps are left as given. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
