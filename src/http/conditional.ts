/**
 * Conditional requests (RFC 9110 §13) as Django's get_conditional_response: If-Match,
 * If-Unmodified-Since, If-None-Match and If-Modified-Since against a response's validators.
 */
import { createHash } from 'node:crypto';
import type { HttpRequest } from './request.js';
import { HttpResponse, HttpResponseNotModified } from './response.js';

const ETAG = /((?:W\/)?"[^"]*")/g;

/** `"a", W/"b"` → ['"a"', 'W/"b"']; `*` → ['*']; garbage → []. */
export function parseEtags(header: string): string[] {
  if (header.trim() === '*') return ['*'];
  return header.match(ETAG) ?? [];
}

/** Wraps a bare tag in quotes unless it already is a (weak) quoted ETag. */
export function quoteEtag(tag: string): string {
  return /^(?:W\/)?"[^"]*"$/.test(tag) ? tag : `"${tag}"`;
}

/** Django's set_response_etag: the quoted MD5 of a non-empty, non-streaming body. */
export function setResponseEtag(response: HttpResponse): void {
  if (!response.streaming && response.content.length > 0) {
    response.headers.set('ETag', quoteEtag(createHash('md5').update(response.content).digest('hex')));
  }
}

/** An HTTP date in seconds since the epoch, or undefined when it does not parse. */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
}

const weak = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

/** The 304/412 the request's preconditions call for, else `response` unchanged. */
export function getConditionalResponse(
  request: HttpRequest,
  validators: { etag?: string | undefined; lastModified?: number | undefined },
  response: HttpResponse,
): HttpResponse {
  if (response.status < 200 || response.status >= 300) return response;
  const { etag, lastModified } = validators;
  const headers = request.headers;
  const ifMatch = parseEtags(headers.get('if-match') ?? '');
  const ifUnmodifiedSince = parseHttpDate(headers.get('if-unmodified-since'));
  const ifNoneMatch = parseEtags(headers.get('if-none-match') ?? '');
  const ifModifiedSince = parseHttpDate(headers.get('if-modified-since'));
  const safe = request.method === 'GET' || request.method === 'HEAD';

  if (ifMatch.length > 0 && !ifMatchPasses(etag, ifMatch)) return preconditionFailed();
  if (ifMatch.length === 0 && ifUnmodifiedSince !== undefined && !(lastModified !== undefined && lastModified <= ifUnmodifiedSince)) {
    return preconditionFailed();
  }
  if (ifNoneMatch.length > 0 && !ifNoneMatchPasses(etag, ifNoneMatch)) {
    return safe ? notModified(response) : preconditionFailed();
  }
  if (ifNoneMatch.length === 0 && ifModifiedSince !== undefined && safe && lastModified !== undefined && lastModified <= ifModifiedSince) {
    return notModified(response);
  }
  return response;
}

function ifMatchPasses(etag: string | undefined, tags: string[]): boolean {
  if (!etag) return false;
  if (tags.length === 1 && tags[0] === '*') return true;
  return !etag.startsWith('W/') && tags.includes(etag);
}

function ifNoneMatchPasses(etag: string | undefined, tags: string[]): boolean {
  if (!etag) return true;
  if (tags.length === 1 && tags[0] === '*') return false;
  return !tags.some((tag) => weak(tag) === weak(etag));
}

const PRESERVED = ['Cache-Control', 'Content-Location', 'Date', 'ETag', 'Expires', 'Last-Modified', 'Vary'];

/** A 304 keeping the validators, caching headers and cookies of the full response. */
function notModified(response: HttpResponse): HttpResponse {
  const result = new HttpResponseNotModified();
  for (const name of PRESERVED) {
    const value = response.headers.get(name);
    if (value !== undefined) result.headers.set(name, value);
  }
  for (const [name, cookie] of response.cookies) result.cookies.set(name, cookie);
  return result;
}

function preconditionFailed(): HttpResponse {
  return new HttpResponse('', { status: 412 });
}
