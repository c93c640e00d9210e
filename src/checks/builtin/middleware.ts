/** middleware.E001: every MIDDLEWARE entry can be imported now, not at the first request. */
import { UserCodeError } from '../../errors.js';
import { Error, type CheckMessage } from '../messages.js';
import type { CheckContext } from '../context.js';

export async function checkMiddlewareImportable({ settings, loader }: CheckContext): Promise<CheckMessage[]> {
  if (!Array.isArray(settings.MIDDLEWARE)) return [];
  const messages: CheckMessage[] = [];
  for (const entry of settings.MIDDLEWARE) {
    if (typeof entry !== 'string') {
      if (typeof entry !== 'function') {
        messages.push(Error(`MIDDLEWARE entry ${String(entry)} is neither a dotted path nor a function.`, { id: 'middleware.E002' }));
      }
      continue;
    }
    try {
      const value = await loader.importString(entry);
      if (typeof value !== 'function') {
        messages.push(Error(`MIDDLEWARE entry '${entry}' is not a middleware factory or class.`, { id: 'middleware.E002' }));
      }
    } catch (error) {
      const reason = error instanceof UserCodeError || error instanceof globalThis.Error ? error.message : String(error);
      messages.push(
        Error(`MIDDLEWARE entry '${entry}' could not be imported.`, { id: 'middleware.E001', hint: firstLine(reason) }),
      );
    }
  }
  return messages;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
