/**
 * Command-level errors: the classes `cli/main.ts` knows how to print and turn into exit codes.
 * Leaf module: imports nothing from the project. HTTP errors live in `http/errors.ts`.
 */

/** Exit codes are a documented contract (README "Exit codes"). 3 is reserved for the reloader. */
export const EXIT = Object.freeze({ OK: 0, ERROR: 1, USAGE: 2, RESTART: 3 });

/** Stable error codes; each is listed in the README's "Error codes" table. */
export const ERROR_CODES = Object.freeze({
  COMMAND: 'MANAGE_ERR_COMMAND',
  UNKNOWN_COMMAND: 'MANAGE_ERR_UNKNOWN_COMMAND',
  USAGE: 'MANAGE_ERR_USAGE',
  IMPROPERLY_CONFIGURED: 'MANAGE_ERR_IMPROPERLY_CONFIGURED',
  SETTINGS_NOT_CONFIGURED: 'MANAGE_ERR_SETTINGS_NOT_CONFIGURED',
  SETTINGS_NOT_FOUND: 'MANAGE_ERR_SETTINGS_NOT_FOUND',
  SETTINGS_LOAD: 'MANAGE_ERR_SETTINGS_LOAD',
  MODULE_NOT_FOUND: 'MANAGE_ERR_MODULE_NOT_FOUND',
  MODULE_LOAD: 'MANAGE_ERR_MODULE_LOAD',
  SYSTEM_CHECK: 'MANAGE_ERR_SYSTEM_CHECK',
  ADDRPORT: 'MANAGE_ERR_ADDRPORT',
  LISTEN: 'MANAGE_ERR_LISTEN',
  MIGRATION: 'MANAGE_ERR_MIGRATION',
  TRANSACTION: 'MANAGE_ERR_TRANSACTION',
  TEMPLATE_DOES_NOT_EXIST: 'MANAGE_ERR_TEMPLATE_DOES_NOT_EXIST',
  TEMPLATE_SYNTAX: 'MANAGE_ERR_TEMPLATE_SYNTAX',
  TEMPLATE_RENDER: 'MANAGE_ERR_TEMPLATE_RENDER',
} as const);

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The one error a command raises to stop with a message: printed as `CommandError: <message>`. */
export class CommandError extends Error {
  readonly code: string;
  readonly exitCode: number;
  /** Printed before the message (`CommandError: `); subclasses that format themselves set ''. */
  readonly prefix: string = 'CommandError: ';

  constructor(message: string, options: { code?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? ERROR_CODES.COMMAND;
    this.exitCode = options.exitCode ?? EXIT.ERROR;
  }
}

/** Settings or project layout are wrong (Django's ImproperlyConfigured). */
export class ImproperlyConfigured extends CommandError {
  override readonly prefix: string = 'ImproperlyConfigured: ';
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? ERROR_CODES.IMPROPERLY_CONFIGURED, cause: options.cause });
  }
}

/** System checks found problems at or above the fail level; the message is the formatted report. */
export class SystemCheckError extends CommandError {
  override readonly prefix: string = '';
  constructor(report: string) {
    super(report, { code: ERROR_CODES.SYSTEM_CHECK });
  }
}

/**
 * A user module (settings, urls, views...) failed to import. `location` is `file:line:column`
 * and `frame` a code frame, so the CLI and the debug page can show where without our stack.
 */
export class UserCodeError extends CommandError {
  override readonly prefix: string = '';
  readonly location: string | undefined;
  readonly frame: string | undefined;
  readonly original: unknown;

  constructor(message: string, details: { code: string; location?: string; frame?: string; original: unknown }) {
    super(message, { code: details.code, cause: details.original });
    this.location = details.location;
    this.frame = details.frame;
    this.original = details.original;
  }
}
