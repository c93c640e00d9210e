/**
 * Django's default error views (django.views.defaults): the user's `404.html`, `500.html`,
 * `400.html` or `403.html` template when the templates layer finds one, else Django's minimal
 * page. Nothing here ever shows a stack, a path on disk or an exception message.
 */
import { STATUS_CODES } from 'node:http';
import type { HttpRequest } from '../http/request.js';
import { HttpResponse } from '../http/response.js';
import type { MaybePromise } from '../http/view.js';

/** handler400/403/404/500: `exception` is absent for 500, as in Django. */
export type ErrorHandler = (request: HttpRequest, exception?: unknown) => MaybePromise<HttpResponse>;

/** Renders a template by name; undefined when no such template exists. */
export type TemplateLookup = (name: string, context: Record<string, unknown>, request: HttpRequest) => MaybePromise<string | undefined>;

export type ErrorStatus = 400 | 403 | 404 | 500;

const PAGES: Record<ErrorStatus, { title: string; details: string }> = {
  400: { title: 'Bad Request (400)', details: '' },
  403: { title: '403 Forbidden', details: '' },
  404: { title: 'Not Found', details: 'The requested resource was not found on this server.' },
  500: { title: 'Server Error (500)', details: '' },
};

/** Django's ERROR_PAGE_TEMPLATE, byte for byte (the 404 body is 179 bytes). */
export function errorPage(status: ErrorStatus): string {
  const { title, details } = PAGES[status];
  return skeleton(title, details);
}

function skeleton(title: string, details: string): string {
  return `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${details}</p>\n</body>\n</html>\n`;
}

/** The four default handlers, trying the user's templates through `lookup` first. */
export function defaultErrorHandlers(lookup?: TemplateLookup): Record<ErrorStatus, ErrorHandler> {
  const handler = (status: ErrorStatus, context: (request: HttpRequest, exception: unknown) => Record<string, unknown>): ErrorHandler =>
    async (request, exception) => {
      const body = lookup ? await lookup(`${status}.html`, context(request, exception), request) : undefined;
      if (body !== undefined) return new HttpResponse(body, { status });
      return new HttpResponse(errorPage(status), { status, contentType: 'text/html' });
    };
  return {
    // Only the 404 and 403 templates get details, as in Django; 400 and 500 get none.
    404: handler(404, (request, exception) => ({ request_path: encodeURI(request.path), exception: notFoundMessage(exception) })),
    403: handler(403, (_request, exception) => ({ exception: exception instanceof Error ? exception.message : '' })),
    400: handler(400, () => ({})),
    500: handler(500, () => ({})),
  };
}

/** The exception message when it is a plain message, else the exception's class name. */
function notFoundMessage(exception: unknown): string {
  if (exception instanceof Error) return exception.message && !('tried' in exception) ? exception.message : exception.name;
  return 'Http404';
}

/** A minimal page for the other statuses an HttpError may carry (413, 405…), in the same skeleton. */
export function statusPage(status: number): HttpResponse {
  return new HttpResponse(skeleton(`${STATUS_CODES[status] ?? 'Error'} (${status})`, ''), { status, contentType: 'text/html' });
}
