/**
 * The public API of managets: what a project's settings, urls, views and manage.ts import.
 */
export type { Settings, UserSettings, TemplateEngineSettings, DatabaseSettings } from './conf/settings.js';
export { CommandError, ImproperlyConfigured, SystemCheckError, EXIT } from './errors.js';
export { defineCommand } from './commands/command.js';
export type { CommandDefinition, CommandContext } from './commands/command.js';
export * as checks from './checks/public.js';
export type { AppConfigInit } from './apps/registry.js';
export * from './urls/index.js';

/**
 * Django's execute_from_command_line: what a project's `manage.ts` calls after setting the
 * default MANAGE_SETTINGS_MODULE. The CLI is imported lazily so views importing managets stay
 * light, and after runserver's first app child is started (as bin/manage.js does).
 */
export async function executeFromCommandLine(argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const { prespawnRunserver } = await import('./commands/runserver/prespawn.js');
  const firstChild = prespawnRunserver(argv);
  const { main } = await import('./cli/main.js');
  return main(argv, { prog: 'manage', firstChild });
}

export { HttpRequest } from './http/request.js';
export type { RequestConfig } from './http/request.js';
export {
  HttpResponse,
  JsonResponse,
  HttpResponseRedirect,
  HttpResponsePermanentRedirect,
  HttpResponseNotModified,
  HttpResponseBadRequest,
  HttpResponseForbidden,
  HttpResponseNotFound,
  HttpResponseNotAllowed,
  HttpResponseGone,
  HttpResponseServerError,
} from './http/response.js';
export { StreamingHttpResponse, FileResponse } from './http/streaming.js';
export { QueryDict } from './http/query-dict.js';
export type { UploadedFile } from './http/multipart.js';
export {
  HttpError,
  Http404,
  PermissionDenied,
  BadRequest,
  SuspiciousOperation,
  DisallowedHost,
  SuspiciousFileOperation,
  RequestDataTooBig,
} from './http/errors.js';
export { createApp } from './app.js';

/**
 * Django's get_wsgi_application(): the request listener of the project whose settings module is
 * named by MANAGE_SETTINGS_MODULE (or the nearest package.json's `manage.settings`), to serve it
 * from your own node:http server, node:cluster worker or process manager in production.
 */
export async function getRequestListener(
  options: { baseDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<import('./app.js').RequestListener> {
  const [{ ModuleLoader }, { loadSettings }, { createApp }] = await Promise.all([
    import('./conf/modules.js'),
    import('./conf/load.js'),
    import('./app.js'),
  ]);
  const loader = new ModuleLoader({ baseDir: options.baseDir ?? process.cwd() });
  const settings = await loadSettings(options.env ?? process.env, loader);
  return (await createApp(settings, loader)).listener;
}
export type { App, AppOptions, RequestListener } from './app.js';
export { serve } from './static/media.js';
export type { ServeKwargs } from './static/media.js';
export { staticPatterns } from './static/urls.js';
export type { StaticPatternsOptions } from './static/urls.js';

export * as middleware from './middleware/index.js';
export type { Middleware, MiddlewareContext, GetResponse } from './middleware/types.js';
export { getToken, rotateToken } from './middleware/csrf-token.js';
export type { Session } from './middleware/session-store.js';
export { View, TemplateView, RedirectView } from './views/generic.js';
export type { ClassView } from './views/generic.js';
export type { ViewKwargs } from './http/view.js';
export {
  requireHttpMethods,
  requireGET,
  requirePOST,
  requireSafe,
  csrfExempt,
  noAppendSlash,
  xframeOptionsExempt,
} from './views/decorators.js';
export { redirect, resolveUrl, getObjectOr404 } from './views/shortcuts.js';
export { render, renderToString, TemplateResponse, ContentNotRenderedError } from './templates/response.js';
export { createTemplateEngines, TemplateEngines, Template } from './templates/engines.js';
export type { TemplateContext, TemplateEnginesOptions } from './templates/engines.js';
export type { ReverseFunction, TemplateHelpers } from './templates/helpers.js';
export { TemplateDoesNotExist, TemplateSyntaxError, TemplateRenderError } from './templates/errors.js';
export type { TemplateAttempt, TemplateLocation, TemplateDoesNotExistInfo, TemplateErrorInfo, SourceLine } from './templates/errors.js';
export { contextProcessors } from './templates/context-processors.js';
export type { ContextProcessor } from './templates/context-processors.js';
export { addMessage, MESSAGE_LEVELS } from './templates/messages.js';
export type { Message } from './templates/messages.js';

// Database: `db()` inside a request or manage command; migration modules get a Connection.
export { db, connection, withDatabases } from './db/scope.js';
export type { Connection, Params, Row, RunResult } from './db/connection.js';
export type { MigrationKey } from './db/migrations/migration.js';
export { TransactionManagementError } from './db/errors.js';
export { nonAtomicRequests } from './db/atomic.js';

// Built-in apps: MIDDLEWARE names 'managets.contrib.auth.middleware.AuthenticationMiddleware'.
export * as contrib from './contrib/index.js';
export {
  AnonymousUser,
  User,
  authUrls,
  authenticate,
  createUser,
  login,
  loginRequired,
  LoginRequiredMixin,
  LoginView,
  logout,
  LogoutView,
} from './contrib/auth/index.js';
