/**
 * Django's LocaleMiddleware (without i18n URL prefixes): `request.LANGUAGE_CODE` from the
 * language cookie, else the best Accept-Language entry among LANGUAGES (`fr-ca` falls back to
 * `fr`, and `fr` to a supported `fr-…`), else LANGUAGE_CODE. Responses vary on Accept-Language
 * and carry Content-Language.
 */
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import { patchVaryHeaders } from '../http/vary.js';
import { MiddlewareMixin } from './mixin.js';
import type { GetResponse, MiddlewareContext } from './types.js';

declare module '../http/request.js' {
  interface HttpRequest {
    /** Set by LocaleMiddleware: the language chosen for this request. */
    LANGUAGE_CODE: string;
  }
}

const LANGUAGE_CODE = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$/i;

/** `da, en-gb;q=0.8, en;q=0.7` → ['da', 'en-gb', 'en'], best first; q=0 entries dropped. */
export function parseAcceptLanguage(header: string): string[] {
  const entries: Array<{ code: string; q: number; index: number }> = [];
  header.split(',').forEach((part, index) => {
    const [code, ...params] = part.trim().split(';');
    if (!code) return;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(quality) && quality > 0) entries.push({ code: code.trim().toLowerCase(), q: quality, index });
  });
  return entries.sort((a, b) => b.q - a.q || a.index - b.index).map((entry) => entry.code);
}

export class LocaleMiddleware extends MiddlewareMixin {
  readonly #supported: string[];
  readonly #default: string;
  readonly #cookieName: string;

  constructor(getResponse: GetResponse, context: MiddlewareContext) {
    super(getResponse, context);
    const s = context.settings;
    this.#supported = s.LANGUAGES.map(([code]) => code.toLowerCase());
    this.#default = this.supportedVariant(s.LANGUAGE_CODE.toLowerCase()) ?? s.LANGUAGE_CODE;
    this.#cookieName = s.LANGUAGE_COOKIE_NAME;
  }

  /** The supported code for `code`: itself, a less specific prefix, or a sibling variant. */
  supportedVariant(code: string): string | undefined {
    const candidates = [code];
    for (let i = code.lastIndexOf('-'); i > 0; i = code.lastIndexOf('-', i - 1)) candidates.push(code.slice(0, i));
    const exact = candidates.find((candidate) => this.#supported.includes(candidate));
    if (exact) return exact;
    const generic = candidates[candidates.length - 1]!;
    return this.#supported.find((supported) => supported.startsWith(`${generic}-`));
  }

  languageFromRequest(request: HttpRequest): string {
    const cookie = request.headers.has('cookie') ? request.COOKIES[this.#cookieName] : undefined;
    if (cookie) {
      const fromCookie = this.supportedVariant(cookie.toLowerCase());
      if (fromCookie) return fromCookie;
    }
    for (const code of parseAcceptLanguage(request.headers.get('accept-language') ?? '')) {
      if (code === '*') break;
      if (!LANGUAGE_CODE.test(code)) continue;
      const supported = this.supportedVariant(code);
      if (supported) return supported;
    }
    return this.#default;
  }

  override processRequest(request: HttpRequest): undefined {
    request.LANGUAGE_CODE = this.languageFromRequest(request);
    return undefined;
  }

  override processResponse(request: HttpRequest, response: HttpResponse): HttpResponse {
    patchVaryHeaders(response, ['Accept-Language']);
    response.headers.setDefault('Content-Language', request.LANGUAGE_CODE);
    return response;
  }
}
