/** Template engines over a temp project, and requests to render them with. */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { requestConfig } from '../../src/app.js';
import { buildSettings } from '../../src/conf/load.js';
import { ModuleLoader } from '../../src/conf/modules.js';
import type { Settings, UserSettings } from '../../src/conf/settings.js';
import { HttpRequest } from '../../src/http/request.js';
import { createTemplateEngines, type TemplateEngines, type TemplateEnginesOptions } from '../../src/templates/engines.js';
import type { TempTree } from './files.js';

export function settingsFor(tree: TempTree, values: UserSettings): Settings {
  return buildSettings(values, { name: 'proj.settings', file: tree.path('proj', 'settings.ts'), baseDir: tree.dir });
}

export function enginesFor(tree: TempTree, values: UserSettings, options?: TemplateEnginesOptions): Promise<TemplateEngines> {
  return createTemplateEngines(settingsFor(tree, values), new ModuleLoader({ baseDir: tree.dir }), options);
}

/** A real HttpRequest over an unconnected socket, carrying the engines as app.ts attaches them. */
export function requestFor(settings: Settings, engines: TemplateEngines | undefined, url = '/'): HttpRequest {
  const raw = new IncomingMessage(new Socket());
  raw.method = 'GET';
  raw.url = url;
  raw.headers = { host: 'localhost' };
  const request = new HttpRequest(raw, requestConfig(settings, {}));
  if (engines) request.templates = engines;
  return request;
}
