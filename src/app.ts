/**
 * createApp: the request pipeline assembled from settings, as a plain node:http request listener
 * (the WSGI-application equivalent). Usable with any node:http server, node:cluster or a process
 * manager. THE one place the order of the pipeline is written:
 *
 *   HttpRequest → body (≤ DATA_UPLOAD_MAX_MEMORY_SIZE, else 413) → MIDDLEWARE, outermost first
 *   → URL resolution → processView hooks → view → template rendering → back out → socket.
 *
 * Everything is looked up once here; a request only runs closures. Anything thrown anywhere
 * becomes the response to that request alone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ModuleLoader } from './conf/modules.js';
import type { Settings } from './conf/settings.js';
import { readBody } from './http/body.js';
import { describeError, ErrorLog, stderrLogger } from './http/error-log.js';
import { effectiveAllowedHosts, HostValidator } from './http/host.js';
import type { Logger } from './http/log.js';
import { HttpRequest, type RequestConfig } from './http/request.js';
import type { HttpResponse } from './http/response.js';
import { writeResponse } from './http/write.js';
import { buildChain, emptyHooks, loadMiddleware } from './middleware/chain.js';
import type { MiddlewareContext } from './middleware/types.js';
import { defaultErrorHandlers, type ErrorHandler, type ErrorStatus } from './views/defaults.js';
import { createDispatcher } from './views/dispatch.js';
import { createExceptionResponder } from './views/exception.js';
import type { MaybePromise, ResolvedView, View } from './http/view.js';
import { loadApps } from './apps/registry.js';
import { staticHandlerFromSettings, urlPath } from './static/config.js';
import type { StaticHandler } from './static/handler.js';
import { createTemplateEngines, type TemplateEngines } from './templates/engines.js';
import { TemplateDoesNotExist } from './templates/errors.js';
import { setServedResolver } from './urls/context.js';
import { createResolver, Resolver } from './urls/resolver.js';
import { atomicRequests } from './db/atomic.js';
import { Databases } from './db/databases.js';
import { setServedDatabases } from './db/scope.js';
import { wrapView } from './views/decorators.js';

export interface AppOptions {
  /** Name and port used for requests without a Host header (runserver's bound address). */
  serverName?: string;
  serverPort?: number;
  /** runserver --nostatic: don't serve STATIC_URL. */
  noStatic?: boolean;
  /** runserver --insecure: serve static files even with DEBUG off. */
  insecure?: boolean;
  /**
   * Where request errors go (`Not Found: /x`; Django's django.request); its level decides what is
   * shown. Default: stderr with DEBUG, nothing without (Django's console handler).
   */
  logger?: Logger;
  /** The reloader's browser live reload (runserver, DEBUG): adds its script to outgoing HTML. */
  liveReload?: { inject(response: HttpResponse): void };
}

/** A node:http request listener; the promise (when the response is not finished on return) settles once it is. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined;

export interface App {
  readonly settings: Settings;
  readonly listener: RequestListener;
  /** Closes what the app opened (its database connection); call it when the server has stopped. */
  close(): void;
  /** The template engines (the reloader clears their cache and watches their folders). */
  readonly templates: TemplateEngines;
}

export function requestConfig(settings: Settings, options: AppOptions): RequestConfig {
  return Object.freeze({
    hosts: new HostValidator(effectiveAllowedHosts(settings.ALLOWED_HOSTS, settings.DEBUG)),
    useXForwardedHost: settings.USE_X_FORWARDED_HOST,
    secureProxySslHeader: settings.SECURE_PROXY_SSL_HEADER,
    maxNumberFields: settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    fileMemoryThreshold: settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
    serverName: options.serverName ?? 'localhost',
    serverPort: options.serverPort ?? 80,
  });
}

/** What the pipeline is built around, loaded from the settings by createApp. */
export interface AppParts {
  readonly resolver: Resolver;
  readonly templates: TemplateEngines;
  /** Answers requests under STATIC_URL before anything else (DEBUG or --insecure). */
  readonly staticHandler?: StaticHandler | undefined;
}

export async function createApp(settings: Settings, loader: ModuleLoader, options: AppOptions = {}): Promise<App> {
  // Without ROOT_URLCONF nothing resolves, and DEBUG shows "The install worked" as for an empty URLconf.
  const resolver = settings.ROOT_URLCONF ? await createResolver(settings, loader) : await Resolver.load([]);
  const templates = await createTemplateEngines(settings, loader);
  const staticFlags = { insecure: options.insecure ?? false, nostatic: options.noStatic ?? false };
  const staticHandler = staticHandlerFromSettings(settings, await loadApps(settings, loader), staticFlags);
  return buildApp(settings, loader, { resolver, templates, staticHandler }, options);
}

/** The user's `404.html`-style template rendered, or undefined when there is none (Django's defaults). */
function templateLookup(templates: TemplateEngines) {
  return (name: string, context: Record<string, unknown>, request: HttpRequest): string | undefined => {
    let template;
    try {
      template = templates.getTemplate(name);
    } catch (error) {
      if (error instanceof TemplateDoesNotExist) return undefined;
      throw error;
    }
    return template.render(context, request);
  };
}

/** The pipeline around an already-built resolver and template engines. */
export async function buildApp(settings: Settings, loader: ModuleLoader, parts: AppParts, options: AppOptions = {}): Promise<App> {
  const { resolver, templates, staticHandler } = parts;
  // reverse() in views and templates (the last app built wins; one process serves one app).
  setServedResolver(resolver);
  const config = requestConfig(settings, options);
  const log = new ErrorLog(options.logger ?? (settings.DEBUG ? stderrLogger : null));
  const defaults = defaultErrorHandlers(templateLookup(templates));
  const handler = (status: ErrorStatus): ErrorHandler => (request, exception) => {
    const custom = resolver.errorHandler(status) as ErrorHandler | undefined;
    return (custom ?? defaults[status])(request, exception);
  };
  const respond = createExceptionResponder({
    debug: settings.DEBUG ? { settings, isUserFile: (file) => loader.isUserFile(file) } : null,
    urlconf: settings.ROOT_URLCONF || resolver.urlconf,
    handlers: { 400: handler(400), 403: handler(403), 404: handler(404), 500: handler(500) },
    log,
  });

  const resolvePath = (path: string): ResolvedView | null => {
    try {
      const match = resolver.resolve(path);
      return { view: match.func as View, kwargs: match.kwargs };
    } catch {
      return null;
    }
  };
  const hooks = emptyHooks();
  // The database opens on first use; db() in views finds it without being handed it.
  const databases = new Databases(settings);
  setServedDatabases(databases);
  const atomic = settings.ATOMIC_REQUESTS && databases.configured ? atomicRequests(databases.get()) : undefined;
  const dispatch = createDispatcher((request) => {
    const match = resolver.resolve(request.pathInfo);
    request.resolverMatch = match;
    const view = match.func as View;
    return { view: atomic && !view.nonAtomicRequests ? wrapView(view, atomic.call(view)) : view, kwargs: match.kwargs };
  }, hooks);
  const context: MiddlewareContext = { settings, resolvePath, log, loader };
  const chain = buildChain(await loadMiddleware(settings.MIDDLEWARE, loader), dispatch, hooks, context, respond);
  const bodyLimit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE;

  /** The body first (bodiless requests skip the wait), then the middleware chain. */
  function handleRequest(request: HttpRequest): MaybePromise<HttpResponse> {
    request.templates = templates;
    const headers = request.raw.headers;
    const length = headers['content-length'];
    if ((length === undefined || length === '0') && headers['transfer-encoding'] === undefined) return chain(request);
    return readBody(request.raw, bodyLimit).then(
      (body) => {
        request.body = body;
        return chain(request);
      },
      (error: unknown) => respond(request, error),
    );
  }
  const handle = atomic ? (request: HttpRequest) => atomic.request(() => handleRequest(request)) : handleRequest;


  // Only URLs that could decode to STATIC_URL's path are offered to the static handler (hot path).
  const staticPrefix = staticHandler && typeof settings.STATIC_URL === 'string' ? urlPath(settings.STATIC_URL) : undefined;
  const mayBeStatic = (url: string) => url.startsWith(staticPrefix!) || url.includes('%') || url[0] !== '/' || url.startsWith('//');

  /** The response on its way out: error log, live reload, then node's response. */
  const send = (res: ServerResponse, request: HttpRequest, response: HttpResponse): Promise<void> | undefined => {
    if (response.status >= 400) log.response(response.reasonPhrase, request.path, response);
    options.liveReload?.inject(response);
    return writeResponse(res, response, { head: request.method === 'HEAD' });
  };
  // No async function here: a request answered synchronously (most are) allocates no promise.
  const serveApp = (req: IncomingMessage, res: ServerResponse): Promise<void> | undefined => {
    try {
      const request = new HttpRequest(req, config);
      const response = handle(request);
      const sent = response instanceof Promise ? response.then((settled) => send(res, request, settled)) : send(res, request, response);
      return sent?.catch((error: unknown) => lastResort(res, error));
    } catch (error) {
      lastResort(res, error);
      return undefined;
    }
  };
  const listener: RequestListener = (req, res) => {
    if (!staticHandler || !mayBeStatic(req.url ?? '/')) return serveApp(req, res);
    return staticHandler(req, res).then(
      (served) => (served ? undefined : serveApp(req, res)),
      (error: unknown) => lastResort(res, error),
    );
  };
  return Object.freeze({ settings, listener, templates, close: () => databases.close() });
}

/**
 * A failure outside every handler (writing the response, a broken stream): wsgiref's bare 500 if
 * nothing was sent yet, else the connection is cut so the client sees a truncated response.
 */
function lastResort(res: ServerResponse, error: unknown): void {
  process.stderr.write(`${describeError(error)}\n`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = 'A server error occurred.  Please contact the administrator.';
  res.writeHead(500, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  res.end(body);
}
