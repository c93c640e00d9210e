/**
 * The built-in middleware, exported from the package as the `middleware` namespace so MIDDLEWARE
 * can name them `managets.middleware.CommonMiddleware`, as Django's settings name theirs.
 */
export { SecurityMiddleware } from './security.js';
export { SessionMiddleware } from './session.js';
export { CommonMiddleware } from './common.js';
export { CsrfViewMiddleware } from './csrf.js';
export { XFrameOptionsMiddleware } from './xframe.js';
export { GZipMiddleware } from './gzip.js';
export { ConditionalGetMiddleware } from './conditional-get.js';
export { LocaleMiddleware } from './locale.js';
export { MiddlewareMixin } from './mixin.js';
export { MiddlewareNotUsed } from './types.js';
export type {
  GetResponse,
  Middleware,
  MiddlewareClass,
  MiddlewareContext,
  MiddlewareFactory,
  MiddlewareHandler,
  MiddlewareHooks,
  MiddlewareInstance,
} from './types.js';
