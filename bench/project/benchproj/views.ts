import { HttpResponse, type HttpRequest } from 'managets';

export const BODY = 'hello';

export function hello(_request: HttpRequest): HttpResponse {
  return new HttpResponse(BODY, { contentType: 'text/plain; charset=utf-8' });
}
