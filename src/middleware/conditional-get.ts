/**
 * Django's ConditionalGetMiddleware: GET responses get an ETag (MD5 of the body) unless
 * `Cache-Control: no-store`, and a matching If-None-Match / If-Modified-Since turns them into 304.
 */
import { getConditionalResponse, parseHttpDate, setResponseEtag } from '../http/conditional.js';
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import { MiddlewareMixin } from './mixin.js';

export class ConditionalGetMiddleware extends MiddlewareMixin {
  override processResponse(request: HttpRequest, response: HttpResponse): HttpResponse {
    // Too late to refuse an unsafe request with 412; a HEAD body is empty, so no ETag either.
    if (request.method !== 'GET') return response;
    if (!response.headers.has('ETag') && needsEtag(response)) setResponseEtag(response);
    const etag = response.headers.get('ETag');
    const lastModified = parseHttpDate(response.headers.get('Last-Modified'));
    if (!etag && lastModified === undefined) return response;
    return getConditionalResponse(request, { etag, lastModified }, response);
  }
}

function needsEtag(response: HttpResponse): boolean {
  return !(response.headers.get('Cache-Control') ?? '').split(/\s*,\s*/).some((part) => part.toLowerCase() === 'no-store');
}
