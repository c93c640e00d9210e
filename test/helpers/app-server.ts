/**
 * An app from the pipeline served by a real node:http server on 127.0.0.1:0 (http-server.ts),
 * requested with http.ts. Each test file closes its servers in an `after` hook via `closeAll()`.
 */
import { buildApp } from '../../src/app.js';
import { buildSettings } from '../../src/conf/load.js';
import { ModuleLoader } from '../../src/conf/modules.js';
import type { Settings, UserSettings } from '../../src/conf/settings.js';
import type { View } from '../../src/http/view.js';
import { path, type UrlconfModule } from '../../src/urls/conf.js';
import { createTemplateEngines } from '../../src/templates/engines.js';
import { Resolver } from '../../src/urls/resolver.js';
import { request, type Reply } from './http.js';
import { listen, type RunningServer } from './http-server.js';
import { REPO_ROOT } from './spawn-cli.js';

export interface TestServer {
  url: string;
  settings: Settings;
  /** Lines the app logged (DEBUG's `Not Found: /x`, `Internal Server Error: /x`…). */
  log: string[];
  request(path: string, options?: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply>;
}

/**
 * An in-memory URLconf: `{'/ok/': view}` becomes `path('ok/', view, {name: 'ok'})`, plus the
 * handler400/403/404/500 exports given.
 */
export function tableRouting(routes: Record<string, View>, handlers: Partial<Record<400 | 403 | 404 | 500, unknown>> = {}): UrlconfModule {
  const urlpatterns = Object.entries(routes).map(([route, view]) => path(route.slice(1), view, { name: route.replace(/\W/g, '') || undefined }));
  return { urlpatterns, ...Object.fromEntries(Object.entries(handlers).map(([status, view]) => [`handler${status}`, view])) };
}

const servers: RunningServer[] = [];
const apps: Array<{ close(): void }> = [];

export async function serve(userSettings: UserSettings, urlconf: UrlconfModule): Promise<TestServer> {
  const settings = buildSettings({ SECRET_KEY: 'test-secret-key-'.repeat(4), ALLOWED_HOSTS: ['127.0.0.1'], ROOT_URLCONF: 'tests.urls', ...userSettings }, {
    name: 'tests.settings',
    file: `${REPO_ROOT}test/fixtures/basic/proj/settings.ts`,
    baseDir: `${REPO_ROOT}test/fixtures/basic`,
  });
  const log: string[] = [];
  const loader = new ModuleLoader({ baseDir: `${REPO_ROOT}test` });
  const parts = { resolver: await Resolver.load(urlconf), templates: await createTemplateEngines(settings, loader) };
  // Like runserver's request logger: on with DEBUG, off without.
  const app = await buildApp(settings, loader, parts, { logger: { level: settings.DEBUG ? 0 : Infinity, log: (_level, line) => log.push(line) } });
  const server = await listen(app.listener);
  servers.push(server);
  apps.push(app);
  return { url: server.base, settings, log, request: (path, options = {}) => send(server.port, path, options) };
}

/** A request to the server on `port` (node:http, so Host and other headers go out as written). */
export function send(port: number, path: string, options: Parameters<typeof request>[1] = {}): Promise<Reply> {
  return request(`http://127.0.0.1:${port}${path}`, options);
}

export async function closeAll(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const app of apps.splice(0)) app.close();
}

/** `Set-Cookie` values as {name: value}. */
export function cookiesOf(reply: Reply): Record<string, string> {
  return Object.fromEntries((reply.headers['set-cookie'] ?? []).map((line) => {
    const [pair] = line.split(';');
    const cut = pair!.indexOf('=');
    return [pair!.slice(0, cut), decodeURIComponent(pair!.slice(cut + 1))];
  }));
}
