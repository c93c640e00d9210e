/**
 * Browser live reload (DEBUG only): HTML pages get a small script that listens on a
 * server-sent-events stream served by the app child. After a restart the stream reconnects to
 * the new child, whose version differs, and the page reloads; template and static changes are
 * pushed over the same stream (stylesheets are swapped in place when only CSS changed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggedResponse } from '../http/logged-response.js';
import type { HttpResponse } from '../http/response.js';

export const LIVE_RELOAD_EVENTS_PATH = '/__managets__/live-reload';
export const LIVE_RELOAD_SCRIPT_PATH = '/__managets__/live-reload.js';
const HEARTBEAT_MS = 20_000;

/** The client: reconnects with back-off and reloads when the server's version moved on. */
const CLIENT_SCRIPT = `(() => {
  const me = document.currentScript;
  let version = me ? me.dataset.version : undefined;
  let delay = 100;
  const connect = () => {
    const source = new EventSource(new URL(${JSON.stringify(LIVE_RELOAD_EVENTS_PATH)}, me ? me.src : location.href));
    source.addEventListener('hello', (event) => {
      delay = 100;
      if (version !== undefined && event.data !== version) location.reload();
      version = event.data;
    });
    source.addEventListener('reload', () => location.reload());
    source.addEventListener('css', (event) => {
      version = event.data;
      for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
        const url = new URL(link.href);
        if (url.origin !== location.origin) continue;
        url.searchParams.set('managets-reload', String(Date.now()));
        link.href = url.href;
      }
    });
    source.onerror = () => {
      source.close();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 3000);
    };
  };
  connect();
})();
`;

/** Inserts `snippet` before the last `</body>`; undefined when the page has none. */
export function insertBeforeBodyEnd(html: string, snippet: string): string | undefined {
  const at = html.toLowerCase().lastIndexOf('</body>');
  if (at === -1) return undefined;
  return html.slice(0, at) + snippet + html.slice(at);
}

export class LiveReloadHub {
  readonly #generation: number;
  #epoch = 0;
  readonly #clients = new Set<ServerResponse>();
  #heartbeat: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(generation: number) {
    this.#generation = generation;
  }

  /** Changes with every restart (generation) and every template or static change (epoch). */
  get version(): string {
    return `${this.#generation}.${this.#epoch}`;
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** The tag added to HTML pages. */
  snippet(): string {
    return `<script src="${LIVE_RELOAD_SCRIPT_PATH}" data-version="${this.version}" defer></script>`;
  }

  /** Adds the script to a complete (not streamed, not compressed) HTML response. */
  inject(response: HttpResponse): void {
    if (response.streaming || response.headers.has('Content-Encoding')) return;
    if (!/^text\/html\b/i.test(response.headers.get('Content-Type') ?? '')) return;
    const html = insertBeforeBodyEnd(response.text, this.snippet());
    if (html === undefined) return;
    response.content = html;
    if (response.headers.has('Content-Length')) response.headers.set('Content-Length', String(response.content.length));
  }

  /** Serves the event stream and the client script; false for every other URL. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== LIVE_RELOAD_SCRIPT_PATH && pathname !== LIVE_RELOAD_EVENTS_PATH) return false;
    if (res instanceof LoggedResponse) res.unlogged = true;
    if (pathname === LIVE_RELOAD_SCRIPT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(CLIENT_SCRIPT) });
      res.end(req.method === 'HEAD' ? undefined : CLIENT_SCRIPT);
      return true;
    }
    if (this.#closed) {
      // This child is draining: a stream accepted now (say over a kept-alive connection) would
      // hang until the drain bound. Refuse it and drop the connection so the client's retry
      // reaches the next child through the listening socket.
      res.writeHead(503, { Connection: 'close', 'Retry-After': '0', 'Content-Length': 0 });
      res.end();
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    res.write(`event: hello\ndata: ${this.version}\n\n`);
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
    this.#heartbeat ??= setInterval(() => this.#broadcast(': ping\n\n'), HEARTBEAT_MS).unref();
    return true;
  }

  /** Templates or static files changed: every page reloads. */
  reload(): void {
    this.#epoch += 1;
    this.#broadcast(`event: reload\ndata: ${this.version}\n\n`);
  }

  /** Only stylesheets changed: pages re-fetch them without reloading. */
  swapStylesheets(): void {
    this.#epoch += 1;
    this.#broadcast(`event: css\ndata: ${this.version}\n\n`);
  }

  /** Ends every stream (the child is stopping); clients reconnect to the next child. */
  closeAll(): void {
    this.#closed = true;
    clearInterval(this.#heartbeat);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #broadcast(text: string): void {
    for (const res of this.#clients) res.write(text);
  }
}
