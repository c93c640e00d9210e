/**
 * The TEMPLATES setting made live: one EtaBackend per entry, tried in order (Django's
 * `engines`), plus what every render adds to the context. Built once per process by app.ts.
 *
 * Context of a render, later entries overriding earlier ones (Django's RequestContext order):
 *   url(), static()                      always (url() in the request's namespace)
 *   request, csrfToken                   when rendered with a request
 *   each OPTIONS.context_processors      when rendered with a request
 *   the view's context                   always wins
 */
import { loadApps } from '../apps/registry.js';
import { ImproperlyConfigured } from '../errors.js';
import type { ModuleLoader } from '../conf/modules.js';
import type { Settings } from '../conf/settings.js';
import type { HttpRequest } from '../http/request.js';
import { reverse } from '../urls/context.js';
import { EtaBackend } from './backend.js';
import { resolveContextProcessor, runContextProcessor, type ContextProcessor } from './context-processors.js';
import { csrfTokenOf } from './csrf.js';
import { readEngineSettings } from './engine-settings.js';
import { TemplateDoesNotExist, type TemplateAttempt } from './errors.js';
import { createHelpers, type ReverseFunction, type TemplateHelpers } from './helpers.js';
import { templateDirs } from './search-path.js';

export type TemplateContext = Readonly<Record<string, unknown>>;

export interface TemplateEnginesOptions {
  /**
   * Backs the `url()` helper. Default: urls' reverse(), which uses the URLconf of the request being
   * served (see urls/context.ts); inject one to render outside requests.
   */
  reverse?: ReverseFunction;
}

export async function createTemplateEngines(settings: Settings, loader: ModuleLoader, options: TemplateEnginesOptions = {}): Promise<TemplateEngines> {
  const { configs, problems } = readEngineSettings(settings.TEMPLATES);
  if (problems.length > 0) throw new ImproperlyConfigured(problems.map((problem) => problem.msg).join('\n'));
  const apps = configs.some((config) => config.appDirs) ? await loadApps(settings, loader) : [];
  const backends: EtaBackend[] = [];
  for (const config of configs) {
    const processors: ContextProcessor[] = [];
    for (const entry of config.contextProcessors) processors.push(await resolveContextProcessor(entry, loader));
    backends.push(
      new EtaBackend({
        name: config.name,
        dirs: templateDirs(config.dirs, config.appDirs, apps, settings.BASE_DIR),
        debug: settings.DEBUG,
        autoEscape: config.autoEscape,
        processors,
      }),
    );
  }
  return new TemplateEngines(backends, settings, createHelpers({ staticUrl: settings.STATIC_URL, reverse: options.reverse ?? reverse }));
}

export class TemplateEngines {
  readonly engines: readonly EtaBackend[];
  /** Every template directory of every engine, in search order (the reloader watches these). */
  readonly dirs: readonly string[];
  readonly helpers: TemplateHelpers;
  readonly #settings: Settings;

  constructor(engines: readonly EtaBackend[], settings: Settings, helpers: TemplateHelpers) {
    this.engines = engines;
    this.dirs = [...new Set(engines.flatMap((engine) => engine.dirs.map((dir) => dir.path)))];
    this.helpers = helpers;
    this.#settings = settings;
  }

  /** Django's get_template: the first engine that has `name`, compiled now (syntax errors raise here). */
  getTemplate(name: string): Template {
    return this.selectTemplate([name]);
  }

  /** Django's select_template: the first of `names` that any engine has. */
  selectTemplate(names: readonly string[]): Template {
    const { engine, file, name } = this.#locate(names);
    engine.load(file);
    return new Template(this, engine, name, file);
  }

  /** Django's render_to_string; a list of names is tried in order. */
  renderToString(names: string | readonly string[], context?: TemplateContext, request?: HttpRequest): string {
    const { engine, file } = this.#locate(typeof names === 'string' ? [names] : names);
    return engine.render(file, this.contextFor(engine, context, request));
  }

  /** Forget every resolved name and compiled template (the reloader calls this on template edits). */
  clearCache(): void {
    for (const engine of this.engines) engine.clearCache();
  }

  /** The complete data object a template of `engine` receives as `it`. */
  contextFor(engine: EtaBackend, context: TemplateContext | undefined, request: HttpRequest | undefined): Record<string, unknown> {
    const data: Record<string, unknown> = { url: this.helpers.url, static: this.helpers.static };
    if (request) {
      data.url = this.helpers.urlFor(request);
      data.request = request;
      data.csrfToken = csrfTokenOf(request);
      for (const processor of engine.processors) Object.assign(data, runContextProcessor(processor, request, this.#settings));
    }
    return context ? Object.assign(data, context) : data;
  }

  #locate(names: readonly string[]): { engine: EtaBackend; file: string; name: string } {
    if (names.length === 0) throw new TemplateDoesNotExist(['No template names provided'], []);
    const tried: TemplateAttempt[] = [];
    for (const name of names) {
      for (const engine of this.engines) {
        const found = engine.find(name);
        if (found.file !== undefined) return { engine, file: found.file, name };
        tried.push(...found.tried);
      }
    }
    throw new TemplateDoesNotExist([...names], tried);
  }
}

/** A template found by getTemplate()/selectTemplate(); render() re-checks it in DEBUG. */
export class Template {
  readonly name: string;
  /** The file it was found at. */
  readonly origin: string;
  readonly #engines: TemplateEngines;
  readonly #engine: EtaBackend;

  constructor(engines: TemplateEngines, engine: EtaBackend, name: string, origin: string) {
    this.#engines = engines;
    this.#engine = engine;
    this.name = name;
    this.origin = origin;
  }

  get engine(): string {
    return this.#engine.name;
  }

  render(context?: TemplateContext, request?: HttpRequest): string {
    const found = this.#engine.find(this.name);
    if (found.file === undefined) throw new TemplateDoesNotExist([this.name], found.tried);
    return this.#engine.render(found.file, this.#engines.contextFor(this.#engine, context, request));
  }
}
