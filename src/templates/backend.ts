/**
 * One TEMPLATES entry served by eta: a search path, the caches (all held here, none at module
 * level) and, in DEBUG, a freshness check so an edited template renders without a restart.
 *
 * Caches: name → file (resolution), file → compiled function (eta's store), and in DEBUG the
 * mtime/size each file was compiled from. `clearCache()` empties them all (the reloader calls it
 * when something in a template directory changes, which also covers newly added overrides).
 *
 * The DEBUG check stats a file at most once per RECHECK_MS: a stat costs more than rendering a
 * small page, and no one saves a file and reloads the browser within 10 ms.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Eta, TemplateFunction } from 'eta';
import { createEta } from './eta.js';
import { TemplateDoesNotExist } from './errors.js';
import { findTemplate, normalizeTemplateName, type Lookup, type TemplateDir } from './search-path.js';
import type { ContextProcessor } from './context-processors.js';

export interface EtaBackendOptions {
  /** The engine alias shown in the postmortem (TEMPLATES NAME, default `eta`). */
  name: string;
  dirs: readonly TemplateDir[];
  /** Check each template's mtime before use, so edits show up without clearCache(). */
  debug: boolean;
  autoEscape: boolean;
  processors: readonly ContextProcessor[];
}

interface Freshness {
  mtimeMs: number;
  size: number;
  checkedAt: number;
}

export const RECHECK_MS = 10;

export class EtaBackend {
  readonly name: string;
  readonly dirs: readonly TemplateDir[];
  readonly processors: readonly ContextProcessor[];
  readonly #debug: boolean;
  readonly #eta: Eta;
  /** Lookup key (the name as written, plus the includer's name for relative ones) → file. */
  readonly #resolved = new Map<string, string>();
  /** File → the canonical name it was found under (relative includes and error messages). */
  readonly #names = new Map<string, string>();
  readonly #freshness = new Map<string, Freshness>();

  constructor(options: EtaBackendOptions) {
    this.name = options.name;
    this.dirs = options.dirs;
    this.processors = options.processors;
    this.#debug = options.debug;
    this.#eta = createEta(
      {
        resolve: (name, includerFile) => this.#resolve(name, includerFile),
        read: (file) => this.#read(file),
        nameOf: (file) => this.#names.get(file) ?? file,
      },
      { autoEscape: options.autoEscape },
    );
  }

  /** Looks a top-level template up without throwing. */
  find(name: string): Lookup {
    try {
      return { file: this.#resolve(name, undefined) };
    } catch (error) {
      if (error instanceof TemplateDoesNotExist) return { tried: error.tried };
      throw error;
    }
  }

  /** Compiles `file` now (if not cached) so syntax errors surface from getTemplate(). */
  load(file: string): void {
    this.#compiled(file);
  }

  /** Renders a file returned by find(); `data` is the complete context. */
  render(file: string, data: object): string {
    return this.#eta.render(this.#compiled(file), data, { filepath: file });
  }

  clearCache(): void {
    this.#resolved.clear();
    this.#names.clear();
    this.#freshness.clear();
    this.#eta.templatesSync.reset();
    this.#eta.templatesAsync.reset();
  }

  /** name (as written, relative to `includerFile`'s name if given) → file; cached. */
  #resolve(name: string, includerFile: string | undefined): string {
    const includer = includerFile === undefined ? undefined : this.#names.get(includerFile);
    const key = includer !== undefined && name.startsWith('.') ? `${includer}\0${name}` : name;
    const cached = this.#resolved.get(key);
    if (cached !== undefined && (!this.#debug || this.#isFresh(cached))) return cached;
    const canonical = normalizeTemplateName(name, includer);
    const found = findTemplate(canonical, this.dirs, this.name);
    if (found.file === undefined) throw new TemplateDoesNotExist([canonical], found.tried);
    this.#resolved.set(key, found.file);
    this.#names.set(found.file, canonical);
    return found.file;
  }

  /** DEBUG only: drops the compiled function of a file edited since it was read. */
  #isFresh(file: string): boolean {
    const known = this.#freshness.get(file);
    const now = Date.now();
    if (!known || now - known.checkedAt < RECHECK_MS) return true;
    known.checkedAt = now;
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat && stat.mtimeMs === known.mtimeMs && stat.size === known.size) return true;
    this.#eta.templatesSync.remove(file);
    this.#freshness.delete(file);
    if (stat) return true;
    // Deleted: forget where it was so the next lookup searches again (another dir may have it).
    for (const [key, resolved] of this.#resolved) if (resolved === file) this.#resolved.delete(key);
    return false;
  }

  #compiled(file: string): TemplateFunction {
    let compiled = this.#eta.templatesSync.get(file);
    if (!compiled) {
      compiled = this.#eta.compile(this.#read(file), { filepath: file });
      this.#eta.templatesSync.define(file, compiled);
    }
    return compiled;
  }

  #read(file: string): string {
    if (this.#debug) {
      const stat = statSync(file);
      this.#freshness.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, checkedAt: Date.now() });
    }
    return readFileSync(file, 'utf8');
  }
}
