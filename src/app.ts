/**
 * createApp: the request pipeline assembled from settings, as a plain node:http request listener
 * (the WSGI-application equivalent). Usable with any node:http server, node:cluster or a process
 * manager. THE one place the order of the pipeline is written.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ModuleLoader } from './conf/modules.js';
import type { Settings } from './conf/settings.js';
import { readBody } from './http/body.js';
import { HttpError } from './http/errors.js';
import { effectiveAllowedHosts } from './http/host.js';
import { HttpRequest, type RequestConfig } from './http/request.js';
import type { Logger } from './http/log.js';
import { HttpResponse } from './http/response.js';
import { writeResponse } from './http/write.js';

export interface AppOptions {
  /** Name and port used for requests without a Host header (runserver's bound address). */
  serverName?: string;
  serverPort?: number;
  /** runserver --nostatic: don't serve STATIC_URL. */
  noStatic?: boolean;
  /** runserver --insecure: serve static files even with DEBUG off. */
  insecure?: boolean;
  /** Where request errors are logged (`Not Found: /x`; Django's django.request). */
  logger?: Logger;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface App {
  readonly settings: Settings;
  readonly listener: RequestListener;
}

export function requestConfig(settings: Settings, options: AppOptions): RequestConfig {
  return Object.freeze({
    allowedHosts: effectiveAllowedHosts(settings.ALLOWED_HOSTS, settings.DEBUG),
    useXForwardedHost: settings.USE_X_FORWARDED_HOST,
    secureProxySslHeader: settings.SECURE_PROXY_SSL_HEADER,
    maxNumberFields: settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    fileMemoryThreshold: settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
    serverName: options.serverName ?? 'localhost',
    serverPort: options.serverPort ?? 80,
  });
}

export async function createApp(settings: Settings, _loader: ModuleLoader, options: AppOptions = {}): Promise<App> {
  const config = requestConfig(settings, options);
  const listener: RequestListener = async (req, res) => {
    const request = new HttpRequest(req, config);
    let response: HttpResponse;
    try {
      request.body = await readBody(req, settings.DATA_UPLOAD_MAX_MEMORY_SIZE);
      response = new HttpResponse('<h1>Not Found</h1>', { status: 404 });
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      response = new HttpResponse(`<h1>${status}</h1>`, { status });
    }
    await writeResponse(res, response, { head: request.method === 'HEAD' });
  };
  return Object.freeze({ settings, listener });
}
