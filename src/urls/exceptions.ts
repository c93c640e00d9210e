/** Django's django.urls.exceptions. */
import { Http404 } from '../http/errors.js';
import type { Tried } from './compile.js';

/**
 * No pattern matched (Django's Resolver404, an Http404). `path` is what was left to match
 * (without the leading `/`); `tried` lists every pattern chain in order, computed on first read
 * because only the debug 404 page needs it.
 */
export class Resolver404 extends Http404 {
  readonly path: string;
  #tried: Tried | (() => Tried);

  constructor(path: string, tried: Tried | (() => Tried)) {
    super(`No URL pattern matched '${path}'.`);
    this.path = path;
    this.#tried = tried;
  }

  get tried(): Tried {
    if (typeof this.#tried === 'function') this.#tried = this.#tried();
    return this.#tried;
  }
}

/** reverse() found no pattern for the name and arguments (Django's NoReverseMatch). */
export class NoReverseMatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoReverseMatch';
  }
}
