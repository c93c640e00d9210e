/**
 * The `csrfToken` template variable. Django's token is lazy (asking for it sets the CSRF cookie),
 * so the value is only fetched when a template prints it; include() copying the context doesn't.
 *
 * Contract with the CSRF middleware: it sets `request.csrfToken` to the token or to a function
 * returning it (Django's get_token). Without the middleware the value is Django's 'NOTPROVIDED'.
 */
import type { HttpRequest } from '../http/request.js';

/** A string computed on first use: prints, compares by `==` and serialises as the string. */
export class LazyString {
  #compute: (() => string) | undefined;
  #value = '';

  constructor(compute: () => string) {
    this.#compute = compute;
  }

  toString(): string {
    if (this.#compute) {
      this.#value = this.#compute();
      this.#compute = undefined;
    }
    return this.#value;
  }

  valueOf(): string {
    return this.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}

type CsrfCarrier = HttpRequest & { csrfToken?: string | (() => string) };

export function csrfTokenOf(request: HttpRequest): LazyString {
  return new LazyString(() => {
    const token = (request as CsrfCarrier).csrfToken;
    if (typeof token === 'function') return String(token.call(request));
    return typeof token === 'string' ? token : 'NOTPROVIDED';
  });
}
