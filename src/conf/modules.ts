/**
 * Loads the user's TypeScript modules in-process through tsx's ESM loader, resolves Django-style
 * dotted names (`blog.settings` → `<base>/blog/settings.ts`), and turns load failures into
 * `UserCodeError`s that say file:line:column instead of showing our stack.
 */
import { existsSync, statSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ERROR_CODES, UserCodeError } from '../errors.js';
import { codeFrame, firstUserFrame, parseTransformError, type SourceLocation } from './code-frame.js';

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** Where a dotted name or relative path may live, in the order tried. */
export function candidateFiles(name: string, baseDir: string): string[] {
  const looksLikePath = name.includes('/') || name.includes('\\') || /\.(m?[tj]s)$/.test(name);
  if (looksLikePath) {
    const absolute = path.resolve(baseDir, name);
    return path.extname(absolute) ? [absolute] : EXTENSIONS.map((ext) => absolute + ext);
  }
  const stem = path.join(baseDir, ...name.split('.'));
  return [...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.map((ext) => path.join(stem, 'index' + ext))];
}

/** The first existing file for `name`, plus every path tried (for the error message). */
export function resolveModuleFile(name: string, baseDir: string): { file: string | undefined; tried: string[] } {
  const tried = candidateFiles(name, baseDir);
  const file = tried.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return { file, tried };
}

export interface ModuleLoaderOptions {
  /** The directory dotted names resolve against (Django's sys.path entry). */
  baseDir: string;
}

/**
 * One per process: registers tsx on first use and imports user modules. Holds no settings;
 * the app and the commands receive it alongside the Settings object.
 */
export class ModuleLoader {
  readonly baseDir: string;
  #registered: Promise<void> | undefined;
  /** Files that failed to import, so the reloader can watch them until they are fixed. */
  readonly errorFiles = new Set<string>();
  /**
   * Modules imported so far, by file. A module is evaluated once per process anyway; asking
   * again costs a round trip to tsx's hooks thread on Node 20 (about 5 ms each on a busy CPU),
   * and the checks and the app import the same URLconf, views and middleware.
   */
  readonly #imported = new Map<string, Record<string, unknown>>();
  #framework: Promise<Record<string, unknown>> | undefined;

  constructor(options: ModuleLoaderOptions) {
    this.baseDir = path.resolve(options.baseDir);
  }

  /**
   * Registers tsx's ESM hooks once; later calls reuse the same registration. Whatever is imported
   * after this goes through the hooks, a round trip to their thread per module: commands that
   * will load user code import the framework first (`importString('managets')`).
   */
  ensureTypeScript(): Promise<void> {
    this.#registered ??= registerTypeScript();
    return this.#registered;
  }

  #importFramework(): Promise<Record<string, unknown>> {
    this.#framework ??= import('managets' as string) as Promise<Record<string, unknown>>;
    return this.#framework;
  }

  /** Imports a module by dotted name or path; a missing module gets `MODULE_NOT_FOUND` with the paths tried. */
  async importModule(name: string): Promise<{ file: string; module: Record<string, unknown> }> {
    const { file, tried } = resolveModuleFile(name, this.baseDir);
    if (!file) {
      throw new UserCodeError(`No module named '${name}'. Tried:\n${tried.map((p) => `    ${p}`).join('\n')}`, {
        code: ERROR_CODES.MODULE_NOT_FOUND,
        original: undefined,
      });
    }
    return { file, module: await this.importFile(file) };
  }

  /** Imports an absolute file; failures become `UserCodeError` with location and code frame. */
  async importFile(file: string): Promise<Record<string, unknown>> {
    const known = this.#imported.get(file);
    if (known) return known;
    await this.ensureTypeScript();
    try {
      const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      this.errorFiles.delete(file);
      this.#imported.set(file, module);
      return module;
    } catch (error) {
      const described = describeLoadError(error, file, (f) => this.isUserFile(f));
      if (described.location) this.errorFiles.add(described.location.file);
      this.errorFiles.add(file);
      throw new UserCodeError(described.message, {
        code: ERROR_CODES.MODULE_LOAD,
        original: error,
        ...(described.location ? { location: formatLocation(described.location) } : {}),
        ...(described.frame ? { frame: described.frame } : {}),
      });
    }
  }

  /**
   * Django's import_string: `blog.views.index` → export `index` of module `blog.views`. Names
   * under `managets.` are looked up on the managets package's exports (`managets.middleware.X`).
   */
  async importString(dotted: string): Promise<unknown> {
    if (dotted === 'managets' || dotted.startsWith('managets.')) {
      const root = await this.#importFramework();
      return walkAttributes(root, dotted.split('.').slice(1), dotted);
    }
    const cut = dotted.lastIndexOf('.');
    if (cut > 0) {
      const moduleName = dotted.slice(0, cut);
      const attribute = dotted.slice(cut + 1);
      if (resolveModuleFile(moduleName, this.baseDir).file) {
        const { module } = await this.importModule(moduleName);
        if (!(attribute in module)) {
          throw new UserCodeError(`Module "${moduleName}" does not define a "${attribute}" attribute/class`, {
            code: ERROR_CODES.MODULE_LOAD,
            original: undefined,
          });
        }
        return module[attribute];
      }
    }
    if (!resolveModuleFile(dotted, this.baseDir).file) {
      const missing = cut > 0 ? dotted.slice(0, cut) : dotted;
      throw new UserCodeError(`No module named '${missing}'`, { code: ERROR_CODES.MODULE_NOT_FOUND, original: undefined });
    }
    const { module } = await this.importModule(dotted);
    return module;
  }

  /** A file the user wrote: under the base dir and outside node_modules. */
  isUserFile(file: string): boolean {
    return file.startsWith(this.baseDir + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);
  }
}

/**
 * Node 20 has only off-thread loader hooks (module.register): the hooks thread loads tsx and
 * esbuild by itself, so the main thread needs nothing but the hook module's URL. tsx's
 * `register()` would first import its API, esbuild's JS API and its CommonJS hooks on the main
 * thread (100-200 ms of a cold start on a busy machine) to end up making this same call. Where
 * Node has in-thread hooks (module.registerHooks, 22.15+), tsx's API uses them and is faster.
 */
async function registerTypeScript(): Promise<void> {
  if (typeof (module as { registerHooks?: unknown }).registerHooks !== 'function') {
    try {
      // tsx's hooks insist on `data` (they refuse --loader use without it); {} means defaults.
      module.register(import.meta.resolve('tsx/esm'), { parentURL: import.meta.url, data: {} });
      // What tsx's register() also does: stack traces point into the TypeScript source.
      process.setSourceMapsEnabled(true);
      return;
    } catch {
      // A tsx whose hook module changed shape: its API knows how to register itself.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
}

function walkAttributes(root: Record<string, unknown>, names: string[], dotted: string): unknown {
  let value: unknown = root;
  for (const name of names) {
    if (value === null || typeof value !== 'object' || !(name in value)) {
      throw new UserCodeError(`Module "managets" does not define "${dotted}"`, {
        code: ERROR_CODES.MODULE_NOT_FOUND,
        original: undefined,
      });
    }
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** A readable description of why importing `file` failed. */
export function describeLoadError(
  error: unknown,
  file: string,
  isUserFile: (file: string) => boolean,
): { message: string; location?: SourceLocation; frame?: string } {
  const syntax = parseTransformError(error);
  if (syntax) {
    const location = { file: syntax.file, line: syntax.line, column: syntax.column + 1 };
    return { message: `SyntaxError: ${syntax.message}`, location, frame: codeFrame(location) };
  }
  const name = error instanceof Error ? error.name : 'Error';
  const text = error instanceof Error ? error.message : `Non-error thrown: ${String(error)}`;
  const message = `${name}: ${text}`;
  const location = firstUserFrame(error, isUserFile);
  if (!location) return { message: `${message}\n    while importing ${file}` };
  return { message, location, frame: codeFrame(location) };
}
