// The bench rewrites the BODY literal on every reload.
import { HttpResponse, type HttpRequest } from 'managets';

const BODY: string = 'hello';

export function index(_request: HttpRequest): HttpResponse {
  return new HttpResponse(BODY, { contentType: 'text/plain; charset=utf-8' });
}
