/**
 * The IPC protocol between the supervisor and an app child. One child at a time serves; the
 * next one warms up beside it. A swap is: boot → booted → (old) stop → closed → (new) serve.
 */

/** SIGINT/SIGTERM as the CLI reports them (count 1 = graceful, 2+ = force); CommandContext.signals fits. */
export interface ShutdownSource {
  onShutdown(listener: (count: number) => void): () => void;
}

/** What the child needs to know about the socket the supervisor bound (for the banner). */
export interface BoundAddress {
  /** The host as the user typed it (or the default), for messages. */
  host: string;
  /** The port actually bound (port 0 resolved). */
  port: number;
  family: 'IPv4' | 'IPv6';
}

/** Why a child serves an error page without loading user code. */
export interface CrashReport {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Paths the child learned from the settings, so the supervisor classifies changes. */
export interface WatchReport {
  /** Settings' BASE_DIR, when it could be loaded. */
  baseDir?: string;
  templateDirs: string[];
  staticDirs: string[];
  /** STATIC_ROOT, MEDIA_ROOT and WATCH_IGNORE entries: changes there never reload. */
  ignored: string[];
  /** Files that failed to import: watched even outside the project so fixing them recovers. */
  errorFiles: string[];
  /** Settings' DEBUG; undefined when the settings did not load. */
  debug?: boolean;
}

export type SupervisorMessage =
  /**
   * Load settings and user code (or, with `crash`, serve the crash page). Carries the socket
   * handle. `debug` is DEBUG from the last settings that loaded: the error page follows it when
   * these settings do not load.
   */
  | { type: 'boot'; generation: number; address: BoundAddress; crash?: CrashReport; debug?: boolean }
  /** Start accepting on the handle received with `boot`. */
  | { type: 'serve' }
  /** Stop accepting, answer `closed`, drain in-flight requests, then exit. */
  | { type: 'stop' }
  /** Templates changed: clear the template cache and reload browsers. */
  | { type: 'templates-changed'; files: string[] }
  /** Static files changed: reload browsers (swap stylesheets when only CSS changed). */
  | { type: 'static-changed'; files: string[]; cssOnly: boolean };

export type ChildMessage =
  /** The framework and TypeScript loader are ready; waiting for `boot`. */
  | { type: 'warm' }
  /** Booted: `ok` false means user code is broken and the child serves the error page. */
  | { type: 'booted'; ok: boolean; watch: WatchReport }
  /** Accepting connections. */
  | { type: 'serving' }
  /** listen(2) on the shared socket failed (another process took the port before the first child). */
  | { type: 'listen-failed'; errno: number }
  /** No longer accepting connections (draining). */
  | { type: 'closed' };

const CHILD_TYPES = new Set(['warm', 'booted', 'serving', 'listen-failed', 'closed']);
const SUPERVISOR_TYPES = new Set(['boot', 'serve', 'stop', 'templates-changed', 'static-changed']);

function hasType(value: unknown, types: Set<string>): boolean {
  return typeof value === 'object' && value !== null && types.has((value as { type?: unknown }).type as string);
}

export function isChildMessage(value: unknown): value is ChildMessage {
  return hasType(value, CHILD_TYPES);
}

export function isSupervisorMessage(value: unknown): value is SupervisorMessage {
  return hasType(value, SUPERVISOR_TYPES);
}
