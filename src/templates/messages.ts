/**
 * Flash messages kept in the session, Django's contrib.messages in miniature: `addMessage()` in a
 * view, then the `messages` context processor shows them once. They are consumed when a template
 * iterates them, so a page that doesn't display them leaves them for the next one.
 *
 * Contract with the session middleware: `request.session` with get/set/delete and JSON values.
 */
import type { HttpRequest } from '../http/request.js';

export const MESSAGE_LEVELS = Object.freeze({ DEBUG: 10, INFO: 20, SUCCESS: 25, WARNING: 30, ERROR: 40 });

const LEVEL_TAGS: Readonly<Record<number, string>> = Object.freeze({ 10: 'debug', 20: 'info', 25: 'success', 30: 'warning', 40: 'error' });

/** The session key, Django's. */
const SESSION_KEY = '_messages';

export interface Message {
  level: number;
  message: string;
  /** The level tag plus any extra tags, space-separated (for CSS classes), as Django's `tags`. */
  tags: string;
}

interface Session {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

type Stored = [level: number, message: string, extraTags: string];

function sessionOf(request: HttpRequest): Session | undefined {
  return (request as HttpRequest & { session?: Session }).session;
}

/** Queues a message for the next page that shows them. Without a session it has nowhere to go. */
export function addMessage(request: HttpRequest, level: number, message: string, extraTags = ''): void {
  const session = sessionOf(request);
  if (!session) {
    throw new TypeError('You cannot add messages without installing managets.middleware.SessionMiddleware');
  }
  const stored = (session.get(SESSION_KEY) as Stored[] | undefined) ?? [];
  session.set(SESSION_KEY, [...stored, [level, message, extraTags]]);
}

/** The pending messages; iterating them removes them from the session. */
export function messagesOf(request: HttpRequest): Iterable<Message> & { readonly length: number } {
  const read = (): Stored[] => (sessionOf(request)?.get(SESSION_KEY) as Stored[] | undefined) ?? [];
  return {
    get length() {
      return read().length;
    },
    *[Symbol.iterator]() {
      const stored = read();
      if (stored.length > 0) sessionOf(request)!.delete(SESSION_KEY);
      for (const [level, message, extraTags] of stored) {
        yield { level, message, tags: [extraTags, LEVEL_TAGS[level] ?? ''].filter(Boolean).join(' ') };
      }
    },
  };
}
