/** The sentence runserver prints (after `Error: `) when the socket can't be bound, in Django's words. */
import { CommandError, ERROR_CODES } from '../errors.js';

const MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  EACCES: "You don't have permission to access that port.",
  EADDRINUSE: 'That port is already in use.',
  EADDRNOTAVAIL: "That IP address can't be assigned to.",
});

export function listenErrorMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && MESSAGES[code] !== undefined) return MESSAGES[code];
  return error instanceof Error ? error.message : String(error);
}

/** A bind failure, printed as Django prints it: `Error: That port is already in use.` */
export class ListenError extends CommandError {
  override readonly prefix: string = 'Error: ';
  constructor(cause: unknown) {
    super(listenErrorMessage(cause), { code: ERROR_CODES.LISTEN, cause });
  }
}
