/**
 * A child that cannot run the app (syntax error, failed import, throw at load, system-check
 * error, or the previous child crashed) says so once in the terminal and answers every request
 * with this page, so the browser shows the error instead of "connection refused".
 */
import { CommandError, UserCodeError } from '../errors.js';
import type { CrashReport } from './protocol.js';

export interface BootFailure {
  /** A short headline: the error class and where. */
  title: string;
  /** The message (check report, exception message). */
  message: string;
  location?: string;
  frame?: string;
}

export function describeBootError(error: unknown): BootFailure {
  if (error instanceof UserCodeError) {
    const alreadyFramed = error.frame !== undefined && error.message.includes(error.frame);
    return {
      title: error.location ? `Error loading ${error.location}` : 'Error loading the project',
      message: error.message,
      ...(error.location && !error.message.includes(error.location) ? { location: error.location } : {}),
      ...(error.frame && !alreadyFramed ? { frame: error.frame } : {}),
    };
  }
  if (error instanceof CommandError) {
    return { title: error.name, message: `${error.prefix}${error.message}` };
  }
  if (error instanceof Error) return { title: error.name, message: error.stack ?? `${error.name}: ${error.message}` };
  return { title: 'Error', message: `Non-error thrown: ${String(error)}` };
}

export function describeCrash(crash: CrashReport): BootFailure {
  const how = crash.signal ? `was killed by ${crash.signal}` : `exited with code ${crash.code}`;
  return {
    title: 'The server process stopped',
    message: `The app process ${how}. Its output is in the terminal.\nSave a fix and the server restarts by itself.`,
  };
}

/** What the terminal shows: location, message, code frame. */
export function formatBootFailure(failure: BootFailure): string {
  return [failure.location, failure.message, failure.frame ? `\n${failure.frame}` : undefined].filter((part) => part !== undefined).join('\n') + '\n';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The 500 page: the error in DEBUG (as far as it is known), else Django's minimal page. */
export function renderBootFailurePage(failure: BootFailure, options: { debug: boolean; snippet: string }): string {
  if (!options.debug) return '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';
  const location = failure.location ? `<p class="where">${escapeHtml(failure.location)}</p>` : '';
  const frame = failure.frame ? `<pre class="frame">${escapeHtml(failure.frame)}</pre>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="NONE,NOARCHIVE">
<title>${escapeHtml(failure.title)}</title>
<style>
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #222; }
  header { background: #ffc; border-bottom: 1px solid #ddd; padding: 16px 24px; }
  h1 { font-size: 1.4em; margin: 0 0 8px; }
  main { padding: 16px 24px; }
  pre { background: #f6f6f6; border: 1px solid #ddd; padding: 12px; overflow-x: auto; font: 13px/1.45 ui-monospace, monospace; }
  .message { white-space: pre-wrap; background: none; border: 0; padding: 0; font-size: 14px; }
  .where { font-family: ui-monospace, monospace; color: #555; margin: 0; }
  footer { color: #666; padding: 0 24px 24px; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(failure.title)}</h1>
${location}
</header>
<main>
<pre class="message">${escapeHtml(failure.message)}</pre>
${frame}
</main>
<footer>You're seeing this error because you have <code>DEBUG = True</code> in your settings file (or had, the last time they loaded).
This page reloads by itself when you save a fix.</footer>
${options.snippet}
</body>
</html>
`;
}
