/**
 * Context processors: functions of the request whose results are merged into every template's
 * context when it is rendered with a request (Django's RequestContext). The built-ins are named
 * `managets.contextProcessors.<name>` in OPTIONS.context_processors, or passed by reference.
 */
import { ImproperlyConfigured } from '../errors.js';
import type { ModuleLoader } from '../conf/modules.js';
import type { Settings } from '../conf/settings.js';
import type { HttpRequest } from '../http/request.js';
import { csrfTokenOf, type LazyString } from './csrf.js';
import { messagesOf, MESSAGE_LEVELS } from './messages.js';

export type ContextProcessor = (request: HttpRequest, settings: Settings) => Record<string, unknown>;

/** Django's django.template.context_processors, under our names. */
export const contextProcessors = Object.freeze({
  /** `request`: the current HttpRequest (always present anyway; kept for Django-shaped settings). */
  request: (request: HttpRequest): { request: HttpRequest } => ({ request }),
  /** `debug: true` when DEBUG is on, nothing otherwise. */
  debug: (_request: HttpRequest, settings: Settings): { debug?: true } => (settings.DEBUG ? { debug: true } : {}),
  /** `csrfToken` (always present anyway; kept for Django-shaped settings). */
  csrf: (request: HttpRequest): { csrfToken: LazyString } => ({ csrfToken: csrfTokenOf(request) }),
  /** `STATIC_URL`. */
  static: (_request: HttpRequest, settings: Settings): { STATIC_URL: string | null } => ({ STATIC_URL: settings.STATIC_URL }),
  /** `messages` (the flash messages in the session, consumed when iterated) and `DEFAULT_MESSAGE_LEVELS`. */
  messages: (request: HttpRequest) => ({ messages: messagesOf(request), DEFAULT_MESSAGE_LEVELS: MESSAGE_LEVELS }),
});

const BUILTIN_PREFIX = 'managets.contextProcessors.';

/** A dotted path or a function → the processor function; ImproperlyConfigured when it is neither. */
export async function resolveContextProcessor(entry: unknown, loader: ModuleLoader): Promise<ContextProcessor> {
  if (typeof entry === 'function') return entry as ContextProcessor;
  if (typeof entry !== 'string') {
    throw new ImproperlyConfigured(`Context processor ${String(entry)} is neither a dotted path nor a function.`);
  }
  const builtin = entry.startsWith(BUILTIN_PREFIX) ? entry.slice(BUILTIN_PREFIX.length) : undefined;
  const value =
    builtin !== undefined && Object.hasOwn(contextProcessors, builtin)
      ? contextProcessors[builtin as keyof typeof contextProcessors]
      : await loader.importString(entry);
  if (typeof value !== 'function') throw new ImproperlyConfigured(`Context processor '${entry}' is not a function.`);
  return value as ContextProcessor;
}

/** Runs one processor; Django's TypeError when it does not return an object. */
export function runContextProcessor(processor: ContextProcessor, request: HttpRequest, settings: Settings): Record<string, unknown> {
  const result = processor(request, settings);
  if (result === null || typeof result !== 'object' || typeof (result as { then?: unknown }).then === 'function') {
    throw new TypeError(`Context processor ${processor.name || 'anonymous'} didn't return a dictionary.`);
  }
  return result;
}
