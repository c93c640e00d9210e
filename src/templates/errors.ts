/**
 * Template errors. Each carries `info`, a plain JSON-safe object the DEBUG 500 page renders
 * (Django's "Template-loader postmortem" and "Error during template rendering" boxes):
 *
 * TemplateDoesNotExist.info: TemplateDoesNotExistInfo
 *   { kind: 'TemplateDoesNotExist', code, message,
 *     names: string[],              the names asked for (several for selectTemplate)
 *     tried: TemplateAttempt[],     every file looked at, in search order:
 *                                   { engine, loader: 'filesystem' | 'app_directories', app?, name, path, status }
 *     includedFrom?: TemplateLocation }  the template line whose include()/layout() asked for it
 *
 * TemplateSyntaxError.info / TemplateRenderError.info: TemplateErrorInfo
 *   { kind: 'TemplateSyntaxError' | 'TemplateRenderError', code, message,
 *     detail: string,               short reason ("unclosed tag", "TypeError: x is not a function")
 *     name, file, line, column?,    where in the template (1-based; column only when known)
 *     source: SourceLine[],         up to 5 lines either side: { number, text, current }
 *     frame: string,                the same as a text code frame (for logs)
 *     exception?: { name, message },  the error thrown inside the template (render errors)
 *     includedFrom: TemplateLocation[] }  include()/layout() sites, innermost first
 */
import { formatCodeFrame } from '../conf/code-frame.js';
import { ERROR_CODES } from '../errors.js';

export interface TemplateAttempt {
  engine: string;
  loader: 'filesystem' | 'app_directories';
  /** The installed app whose `templates/` folder this is (app_directories only). */
  app?: string;
  name: string;
  path: string;
  status: 'Source does not exist' | 'Outside the template directory';
}

/** A line of a template: `{ name, file, line }` (1-based line). */
export interface TemplateLocation {
  name: string;
  file: string;
  line: number;
}

export interface SourceLine {
  number: number;
  text: string;
  current: boolean;
}

export interface TemplateDoesNotExistInfo {
  kind: 'TemplateDoesNotExist';
  code: string;
  message: string;
  names: string[];
  tried: TemplateAttempt[];
  includedFrom?: TemplateLocation;
}

export interface TemplateErrorInfo extends TemplateLocation {
  kind: 'TemplateSyntaxError' | 'TemplateRenderError';
  code: string;
  message: string;
  detail: string;
  column?: number;
  source: SourceLine[];
  frame: string;
  exception?: { name: string; message: string };
  includedFrom: TemplateLocation[];
}

const SOURCE_CONTEXT = 5;

/** No template by that name in any template directory (Django's TemplateDoesNotExist). */
export class TemplateDoesNotExist extends Error {
  readonly code = ERROR_CODES.TEMPLATE_DOES_NOT_EXIST;
  readonly names: string[];
  readonly tried: TemplateAttempt[];
  includedFrom: TemplateLocation | undefined;

  constructor(names: string[], tried: TemplateAttempt[]) {
    super(`${names.join(', ')}\n\n${postmortem(tried)}`);
    this.name = 'TemplateDoesNotExist';
    this.names = names;
    this.tried = tried;
  }

  get info(): TemplateDoesNotExistInfo {
    return {
      kind: 'TemplateDoesNotExist',
      code: this.code,
      message: this.message,
      names: [...this.names],
      tried: this.tried.map((attempt) => ({ ...attempt })),
      ...(this.includedFrom ? { includedFrom: { ...this.includedFrom } } : {}),
    };
  }

  toJSON(): TemplateDoesNotExistInfo {
    return this.info;
  }
}

/** Django's postmortem text, grouped by engine. */
function postmortem(tried: TemplateAttempt[]): string {
  if (tried.length === 0) return 'No template directories were searched (check TEMPLATES DIRS and APP_DIRS).';
  const lines = ['managets tried loading these templates, in this order:'];
  let engine: string | undefined;
  for (const attempt of tried) {
    if (attempt.engine !== engine) {
      engine = attempt.engine;
      lines.push('', `Using engine ${engine}:`);
    }
    lines.push(`    * ${attempt.loader}: ${attempt.path} (${attempt.status})`);
  }
  return lines.join('\n');
}

/** What the two located template errors share: a template line, its surroundings, the include chain. */
abstract class LocatedTemplateError extends Error {
  abstract readonly code: string;
  readonly detail: string;
  readonly location: TemplateLocation & { column?: number };
  readonly templateSource: string;
  /** include()/layout() sites the error travelled through, innermost first. */
  readonly includedFrom: TemplateLocation[] = [];

  constructor(detail: string, location: TemplateLocation & { column?: number }, templateSource: string, cause?: unknown) {
    const column = location.column ? `:${location.column}` : '';
    const frame = formatCodeFrame(templateSource, { line: location.line, column: location.column ?? 0 });
    super(`${detail}\n    in template ${location.name} (${location.file}:${location.line}${column})\n\n${frame}`, cause === undefined ? undefined : { cause });
    this.detail = detail;
    this.location = location;
    this.templateSource = templateSource;
  }

  get info(): TemplateErrorInfo {
    const { name, file, line, column } = this.location;
    const cause = this.cause instanceof Error ? { exception: { name: this.cause.name, message: this.cause.message } } : {};
    return {
      kind: this.name as TemplateErrorInfo['kind'],
      code: this.code,
      message: this.message,
      detail: this.detail,
      name,
      file,
      line,
      ...(column ? { column } : {}),
      source: sourceLines(this.templateSource, line),
      frame: formatCodeFrame(this.templateSource, { line, column: column ?? 0 }),
      ...cause,
      includedFrom: this.includedFrom.map((site) => ({ ...site })),
    };
  }

  toJSON(): TemplateErrorInfo {
    return this.info;
  }
}

/** The template could not be compiled: an eta tag or the JavaScript inside it is malformed. */
export class TemplateSyntaxError extends LocatedTemplateError {
  readonly code = ERROR_CODES.TEMPLATE_SYNTAX;
  constructor(detail: string, location: TemplateLocation & { column?: number }, templateSource: string) {
    super(detail, location, templateSource);
    this.name = 'TemplateSyntaxError';
  }
}

/** The template threw while rendering; `cause` is the original error. */
export class TemplateRenderError extends LocatedTemplateError {
  readonly code = ERROR_CODES.TEMPLATE_RENDER;
  constructor(cause: unknown, location: TemplateLocation, templateSource: string) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : `Non-error thrown: ${String(cause)}`;
    super(detail, location, templateSource, cause);
    this.name = 'TemplateRenderError';
  }
}

export type TemplateError = TemplateDoesNotExist | TemplateSyntaxError | TemplateRenderError;

function sourceLines(source: string, line: number): SourceLine[] {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - SOURCE_CONTEXT);
  const last = Math.min(lines.length, line + SOURCE_CONTEXT);
  const out: SourceLine[] = [];
  for (let number = first; number <= last; number++) out.push({ number, text: lines[number - 1]!, current: number === line });
  return out;
}
