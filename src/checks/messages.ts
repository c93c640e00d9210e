/** System check messages (Django's django.core.checks.messages). Leaf module. */

export const DEBUG = 10;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;
export const CRITICAL = 50;

export const LEVELS: Readonly<Record<string, number>> = Object.freeze({ DEBUG, INFO, WARNING, ERROR, CRITICAL });

export interface CheckMessageInit {
  hint?: string | undefined;
  obj?: unknown;
  id?: string | undefined;
}

export class CheckMessage {
  readonly level: number;
  readonly msg: string;
  readonly hint: string | undefined;
  readonly obj: unknown;
  readonly id: string | undefined;

  constructor(level: number, msg: string, init: CheckMessageInit = {}) {
    if (!Number.isInteger(level)) throw new TypeError('The first argument should be level.');
    this.level = level;
    this.msg = msg;
    this.hint = init.hint;
    this.obj = init.obj;
    this.id = init.id;
  }

  /** `obj: (id) msg` + `\n\tHINT: hint`, with `?` when there is no object (Django's __str__). */
  toString(): string {
    const obj = this.obj === undefined || this.obj === null ? '?' : String(this.obj);
    const id = this.id ? `(${this.id}) ` : '';
    const hint = this.hint ? `\n\tHINT: ${this.hint}` : '';
    return `${obj}: ${id}${this.msg}${hint}`;
  }

  isSerious(level = ERROR): boolean {
    return this.level >= level;
  }

  isSilenced(silenced: readonly string[]): boolean {
    return this.id !== undefined && silenced.includes(this.id);
  }
}

export const Debug = (msg: string, init?: CheckMessageInit) => new CheckMessage(DEBUG, msg, init);
export const Info = (msg: string, init?: CheckMessageInit) => new CheckMessage(INFO, msg, init);
export const Warning = (msg: string, init?: CheckMessageInit) => new CheckMessage(WARNING, msg, init);
export const Error = (msg: string, init?: CheckMessageInit) => new CheckMessage(ERROR, msg, init);
export const Critical = (msg: string, init?: CheckMessageInit) => new CheckMessage(CRITICAL, msg, init);
