/**
 * Everything the technical 500 page shows, gathered once from the request, the thrown value and
 * the settings, then rendered as HTML (technical-500.ts) or plain text (technical-500-text.ts).
 */
import { packageVersion } from '../../conf/version.js';
import type { Settings } from '../../conf/settings.js';
import type { HttpRequest } from '../../http/request.js';
import { viewLabel } from '../dispatch.js';
import { requestInfo, settingsRows, repr, type RequestInfo, type Rows } from './request-info.js';
import { templateErrorFrame, templatePostmortem, type TemplateAttempt, type TemplateErrorFrame } from './template-info.js';
import { exceptionLocation, exceptionMessage, exceptionType, traceback, type ExceptionInfo, type Frame } from './traceback.js';

export interface DebugOptions {
  readonly settings: Settings;
  /** True for files of the user's project (their frames are expanded and highlighted). */
  readonly isUserFile: (file: string) => boolean;
}

export interface ErrorReport {
  type: string;
  message: string;
  method: string;
  path: string;
  /** The request URL with the raw, unvalidated host (Django's get_raw_uri). */
  url: string;
  version: string;
  location: Frame | undefined;
  raisedDuring: string | undefined;
  exceptions: ExceptionInfo[];
  /** A code frame the error carries itself (a user module that failed to import). */
  codeFrame: { location: string | undefined; frame: string } | undefined;
  templateFrame: TemplateErrorFrame | undefined;
  postmortem: TemplateAttempt[] | undefined;
  request: RequestInfo;
  settingsModule: string;
  settings: Rows;
  installedApps: string;
  middleware: string;
  serverTime: string;
}

export function errorReport(request: HttpRequest, error: unknown, options: DebugOptions): ErrorReport {
  const { settings } = options;
  const exceptions = traceback(error, options.isUserFile);
  const frame = (error as { frame?: unknown } | null)?.frame;
  const location = (error as { location?: unknown } | null)?.location;
  const templateFrame = templateErrorFrame(error);
  const postmortem = templatePostmortem(error);
  const message = exceptionMessage(error);
  return {
    type: exceptionType(error),
    // A template error's message repeats its postmortem or source frame, which get their own box.
    message: templateFrame || postmortem ? message.split('\n')[0]! : message,
    method: request.method,
    path: request.pathInfo,
    url: rawUri(request),
    version: packageVersion(),
    location: exceptions.length > 0 ? exceptionLocation(exceptions[exceptions.length - 1]!) : undefined,
    raisedDuring: request.resolverMatch ? viewLabel(request.resolverMatch.func) : undefined,
    exceptions,
    codeFrame: typeof frame === 'string' && frame ? { location: typeof location === 'string' ? location : undefined, frame } : undefined,
    templateFrame,
    postmortem,
    request: requestInfo(request, settings.SESSION_COOKIE_NAME),
    settingsModule: settings.SETTINGS_MODULE,
    settings: settingsRows(settings),
    installedApps: repr(settings.INSTALLED_APPS),
    middleware: repr(settings.MIDDLEWARE),
    serverTime: rfc2822(new Date()),
  };
}

/** `scheme://host/path?query` with the Host as sent, so a disallowed host still renders. */
export function rawUri(request: HttpRequest): string {
  return `${request.scheme}://${request.getRawHost()}${request.getFullPath()}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Django's `date:"r"`: `Sat, 29 Nov 2025 18:55:38 +0100`, local time. */
export function rfc2822(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  return `${DAYS[date.getDay()]}, ${pad(date.getDate())} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zone}`;
}
