/**
 * The development server: node:http with Django's runserver semantics on top. HTTP/1.1
 * keep-alive, concurrent by default or one request at a time (`--nothreading`), a request log
 * line per response, bad input refused with a clean 4xx, and a graceful close. Whatever a
 * client sends, the server keeps serving.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { rawRefusal, refusalFor, refusalHeaders, refusalPage } from './client-errors.js';
import { pyRepr } from './pyrepr.js';
import { LoggedResponse, loggedResponseClass } from './logged-response.js';
import type { ListenFn } from './listen.js';
import { ERROR, formatRequestLog, HTTPS_NOTICE, INFO, statusLevel, type Logger } from './log.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface ServerLimits {
  /** Longest request target (Django: 65536 bytes; longer gets 414). */
  maxRequestLine: number;
  /** Largest request head, request line included (node answers 431 above it). */
  maxHeaderSize: number;
  /** A client must finish sending the head within this (slowloris guard, 408). */
  headersTimeout: number;
  /** ...and the whole request within this. */
  requestTimeout: number;
  /** Idle keep-alive connections close after this. */
  keepAliveTimeout: number;
  /** A response to a request whose body was not read closes the connection when the
   *  declared body is larger than this, instead of draining it (a refused upload). */
  maxDrain: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxRequestLine: 65536,
  maxHeaderSize: 80 * 1024,
  headersTimeout: 20_000,
  requestTimeout: 300_000,
  keepAliveTimeout: 5_000,
  maxDrain: 64 * 1024,
});

export interface DevServerOptions {
  /** The application (createApp's listener, or any node:http request listener); see setHandler. */
  handler?: RequestHandler;
  /** false: one request at a time in arrival order, each response `Connection: close`. */
  threading: boolean;
  /** The `server` logger: request lines and HTTP-layer errors. */
  log: Logger;
  /** Show the time each request took in its log line. */
  timing?: boolean;
  limits?: Partial<ServerLimits>;
}

export interface DevServer {
  readonly server: Server;
  listen(how: ListenFn): Promise<void>;
  /** Sets the application; requests that arrived before it wait for it. */
  setHandler(handler: RequestHandler): void;
  /**
   * Stops accepting, lets in-flight requests finish within `graceMs`, then drops every connection.
   * Connections that sent nothing yet are dropped at once, or after `freshGraceMs` when given
   * (the reloader's swap: a client that connected just before it gets its answer).
   */
  close(graceMs?: number, options?: { freshGraceMs?: number }): Promise<void>;
  /** Drops every connection now (a second Ctrl-C). */
  destroy(): void;
}

/** wsgiref's body when the application itself failed (two spaces after the full stop). */
const SERVER_ERROR_BODY = 'A server error occurred.  Please contact the administrator.';

export function createDevServer(options: DevServerOptions): DevServer {
  const { threading, log } = options;
  let handler = options.handler;
  let waiting: Array<[IncomingMessage, ServerResponse]> = [];
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let closing = false;

  const logRefusal = (status: number, message: string, requestLine: string, tls = false) => {
    log.log(INFO, `code ${status}, message ${message}`);
    if (tls) log.log(ERROR, HTTPS_NOTICE, 500);
    else log.log(statusLevel(status), formatRequestLog(requestLine, status, '-'), status);
  };

  // Responses ended while one event-loop turn handles the requests that arrived together go out
  // together, after the turn: their socket writes come back to back instead of spread between
  // the requests' handling, and a client waiting on several connections is woken once for them
  // rather than once per response (per-response kernel time on a loaded VM roughly halves). A
  // server answering one request per turn (a single client) writes at once: waiting would only
  // add latency.
  let pendingEnds: Array<[LoggedResponse, () => void]> = [];
  let endedThisTurn = 0;
  let batching = false;
  const runEnd = (res: LoggedResponse, end: () => void) => {
    try {
      end();
    } catch (error) {
      // One response failing to finish must not keep the others of its batch from going out.
      failed(res, error);
    }
  };
  const flushEnds = () => {
    batching = endedThisTurn > 1;
    endedThisTurn = 0;
    const batch = pendingEnds;
    pendingEnds = [];
    for (const [res, end] of batch) runEnd(res, end);
  };

  const ServerResponseClass = loggedResponseClass({
    deferEnd(res, end) {
      if (++endedThisTurn === 1) {
        setImmediate(flushEnds);
        if (!batching) return runEnd(res, end);
      }
      pendingEnds.push([res, end]);
    },
    timing: options.timing ?? false,
    keepAlive: (res) => threading && !closing && !unreadBodyTooLarge(res.req, limits.maxDrain),
    ended(res) {
      // Refused: already logged. Destroyed: the client left mid-response, which Django does not log.
      if (res.refused || res.unlogged || res.destroyed) return;
      const status = res.statusCode;
      const level = statusLevel(status);
      if (level < log.level) return;
      const req = res.req;
      const line = req.httpVersionMajor === 0 ? `${req.method} ${req.url}` : `${req.method} ${req.url} HTTP/${req.httpVersion}`;
      const bytes = req.method === 'HEAD' || status === 204 || status === 304 || status < 200 ? 0 : res.bodyBytes;
      const ms = res.startedAt ? performance.now() - res.startedAt : undefined;
      log.log(level, formatRequestLog(line, status, bytes, ms), status);
    },
  });

  const refuse = (res: LoggedResponse, status: number, message: string, requestLine: string) => {
    logRefusal(status, message, requestLine);
    res.refused = true;
    const body = refusalPage(status, message);
    res.writeHead(status, refusalHeaders(body)).end(body);
  };

  const failed = (res: ServerResponse, error: unknown) => {
    log.log(ERROR, `Exception while serving ${res.req.url}\n${error instanceof Error ? error.stack : String(error)}`);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { 'Content-Type': 'text/plain', 'Content-Length': SERVER_ERROR_BODY.length }).end(SERVER_ERROR_BODY);
  };

  const run = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const result = handler!(req, res) as Promise<unknown> | undefined;
      if (result && typeof result.then === 'function') result.then(undefined, (error) => failed(res, error));
    } catch (error) {
      failed(res, error);
    }
  };

  // --nothreading: the next request starts only when the previous response is done.
  let queue: Promise<void> = Promise.resolve();
  const runInTurn = (req: IncomingMessage, res: ServerResponse) => {
    queue = queue.then(
      () =>
        new Promise<void>((resolve) => {
          res.once('close', resolve);
          if (res.destroyed) resolve();
          else run(req, res);
        }),
    );
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const logged = res as LoggedResponse;
    if (req.httpVersionMajor !== 1) {
      if (req.httpVersionMajor >= 2) return refuse(logged, 505, `Invalid HTTP version (${req.httpVersion})`, `${req.method} ${req.url} HTTP/${req.httpVersion}`);
      if (req.method !== 'GET') return refuse(logged, 400, `Bad HTTP/0.9 request type (${pyRepr(req.method!)})`, `${req.method} ${req.url}`);
    }
    if (req.url!.length > limits.maxRequestLine) return refuse(logged, 414, 'Request-URI Too Long', '');
    dispatch(req, res);
  };
  const dispatch = (req: IncomingMessage, res: ServerResponse) => {
    if (!handler) waiting.push([req, res]);
    else if (threading) run(req, res);
    else runInTurn(req, res);
  };

  const server = createServer(
    {
      ServerResponse: ServerResponseClass,
      requireHostHeader: false,
      maxHeaderSize: limits.maxHeaderSize,
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      connectionsCheckingInterval: Math.min(5_000, limits.headersTimeout),
    },
    onRequest,
  );

  // A client may half-close after its request (`printf … | nc`, HTTP/1.0 tools): node's default
  // then aborts the request and ends the socket, losing any response not written synchronously.
  // Django answers such clients; so do we, closing once the response is out.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;

  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    // The client went away (mid-request or mid-response): nothing to answer, nothing to log.
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) return void socket.destroy();
    const refusal = refusalFor(error);
    logRefusal(refusal.status, refusal.message, refusal.requestLine, refusal.tls);
    // A response already on the wire can't be followed by another one.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (inFlight?.headersSent) return void socket.destroy();
    socket.end(rawRefusal(refusal.status, refusal.message));
    setTimeout(() => socket.destroy(), 1000).unref();
  });
  // Accept-level failures (EMFILE...) are logged; they must not take the server down.
  server.on('error', (error) => {
    if (server.listening) log.log(ERROR, `Server error: ${error.message}`);
  });

  // node's closeIdleConnections() skips sockets that never sent a request: track them all.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const dropIdle = () => {
    for (const socket of sockets) if (!(socket as Socket & { _httpMessage?: unknown })._httpMessage) socket.destroy();
  };
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };

  return {
    server,
    listen: (how) => how(server),
    setHandler(next) {
      handler = next;
      const early = waiting;
      waiting = [];
      for (const [req, res] of early) dispatch(req, res);
    },
    close(graceMs = 5_000, { freshGraceMs = 0 } = {}) {
      closing = true;
      return new Promise((resolve) => {
        const timers = [setTimeout(dropAll, graceMs)];
        server.close(() => {
          for (const timer of timers) clearTimeout(timer);
          resolve();
        });
        if (freshGraceMs === 0) return dropIdle();
        // node's own sweep spares connections that have not sent a request yet: accepted an
        // instant before the close, their request is on its way. Still silent later, they go.
        server.closeIdleConnections();
        timers.push(setTimeout(dropIdle, freshGraceMs));
      });
    },
    destroy() {
      closing = true;
      server.close();
      dropAll();
    },
  };
}

/** The request declared a body larger than `limit` that the app did not read. */
function unreadBodyTooLarge(req: IncomingMessage, limit: number): boolean {
  if (req.complete) return false;
  const length = req.headers['content-length'];
  return length === undefined ? req.headers['transfer-encoding'] !== undefined : Number(length) > limit;
}
