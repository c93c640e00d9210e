/**
 * The ServerResponse class the dev server creates for every request: it counts the body bytes
 * written (whoever writes them: the app, a static handler, node itself) and reports the finished
 * response once, for the request log. Counting in write/end costs an addition per chunk, not a
 * listener per request. end() is handed to the server, which runs it with the other responses
 * finished in the same event-loop turn (see createDevServer).
 */
import { ServerResponse, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ResponseHooks {
  /** Take the time of each request (the request log shows it at `-v 2`). */
  readonly timing: boolean;
  /** False when this response must close its connection (set just before the head is written). */
  keepAlive(res: LoggedResponse): boolean;
  /** Called once, when the app ends the response. */
  ended(res: LoggedResponse): void;
  /** Runs `end` (node's end of `res`) when the server flushes this turn's responses. */
  deferEnd(res: LoggedResponse, end: () => void): void;
}

/** node passes per-server options (highWaterMark...) that @types/node does not declare. */
const BaseResponse = ServerResponse as unknown as new (req: IncomingMessage, options?: object) => ServerResponse;

export class LoggedResponse extends BaseResponse {
  /** Body bytes the app wrote (HEAD/204/304 bodies are dropped by node and logged as 0). */
  bodyBytes = 0;
  /** performance.now() when the request arrived (0 unless timing). */
  readonly startedAt: number;
  /** Refused by the server itself: the log shows `-` for the size, and the app never ran. */
  refused = false;
  /** Left out of the request log (the reloader's live-reload stream and script: noise on every reload). */
  unlogged = false;
  #hooks: ResponseHooks;
  #ended = false;

  constructor(req: IncomingMessage, options: object | undefined, hooks: ResponseHooks) {
    super(req, options);
    this.#hooks = hooks;
    this.startedAt = hooks.timing ? performance.now() : 0;
  }

  override writeHead(status: number, reasonOrHeaders?: any, headers?: any): this {
    if (!this.headersSent && !this.#hooks.keepAlive(this)) this.shouldKeepAlive = false;
    return super.writeHead(status, reasonOrHeaders, headers);
  }

  override write(chunk: any, encoding?: any, callback?: any): boolean {
    this.bodyBytes += byteLength(chunk, encoding);
    return super.write(chunk, encoding, callback);
  }

  override end(chunk?: any, encoding?: any, callback?: any): this {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') this.bodyBytes += byteLength(chunk, encoding);
    this.#hooks.deferEnd(this, () => {
      super.end(chunk, encoding, callback);
      if (!this.#ended) {
        this.#ended = true;
        this.#hooks.ended(this);
      }
    });
    return this;
  }
}

function byteLength(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return (chunk as Uint8Array | undefined)?.byteLength ?? 0;
}

/** A LoggedResponse subclass bound to one server's hooks (what `createServer` is given). */
export function loggedResponseClass(hooks: ResponseHooks): typeof ServerResponse {
  return class extends LoggedResponse {
    constructor(req: IncomingMessage, options?: object) {
      super(req, options, hooks);
    }
  } as unknown as typeof ServerResponse;
}
