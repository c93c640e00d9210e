import type { HttpRequest, Settings } from 'managets';

/** A context processor: what every template rendered with a request sees (the layout's title, nav). */
export function site(request: HttpRequest, settings: Settings) {
  return {
    siteTitle: String((settings as Settings & { BLOG_TITLE?: string }).BLOG_TITLE ?? 'Blog'),
    year: new Date().getFullYear(),
    currentPath: request.path,
  };
}
