import { HttpResponse, render, type HttpRequest } from 'managets';

export const BODY = 'hello';
const ITEMS = Array.from({ length: 10 }, (_, i) => ({ label: `item ${i}`, value: i * i }));

export function hello(_request: HttpRequest): HttpResponse {
  return new HttpResponse(BODY, { contentType: 'text/plain; charset=utf-8' });
}

/** The benchmark's template page: `page.html` through render() (autoescaped name, 10-item loop). */
export function page(request: HttpRequest, { name }: { name: string }): HttpResponse {
  return render(request, 'page.html', { name, items: ITEMS });
}
