/**
 * What views call: `render()` (an HttpResponse now), `renderToString()` and `TemplateResponse`
 * (rendered late, after the middleware's processTemplateResponse hooks). They find the process's
 * engines on the request, where app.ts puts them (`request.templates`).
 */
import { ImproperlyConfigured } from '../errors.js';
import type { HttpRequest } from '../http/request.js';
import { HttpResponse, type ResponseInit } from '../http/response.js';
import type { TemplateContext, TemplateEngines } from './engines.js';

declare module '../http/request.js' {
  interface HttpRequest {
    /** The process's template engines; app.ts sets it on every request. */
    templates?: TemplateEngines;
  }
}

/** The engines app.ts attached to `request`. */
export function templatesOf(request: HttpRequest): TemplateEngines {
  const engines = request.templates;
  if (!engines) {
    throw new ImproperlyConfigured('This request has no template engines: requests built outside createApp() need `request.templates = await createTemplateEngines(settings, loader)`.');
  }
  return engines;
}

/** Django's render_to_string, for a request (a list of names is tried in order). */
export function renderToString(templateName: string | readonly string[], context: TemplateContext | undefined, request: HttpRequest): string {
  return templatesOf(request).renderToString(templateName, context, request);
}

/** Django's shortcuts.render: the template rendered with the request's context processors. */
export function render(request: HttpRequest, templateName: string | readonly string[], context?: TemplateContext, init: ResponseInit = {}): HttpResponse {
  return new HttpResponse(renderToString(templateName, context, request), init);
}

/** Reading a TemplateResponse's content before render() (Django's ContentNotRenderedError). */
export class ContentNotRenderedError extends Error {
  constructor() {
    super('The response content must be rendered before it can be accessed.');
    this.name = 'ContentNotRenderedError';
  }
}

type PostRenderCallback = (response: HttpResponse) => HttpResponse | void;

/**
 * A response whose template is rendered as late as possible: middleware may change
 * `templateName` and `contextData` in processTemplateResponse, then the handler calls render().
 */
export class TemplateResponse extends HttpResponse {
  readonly request: HttpRequest;
  templateName: string | readonly string[];
  contextData: Record<string, unknown>;
  #rendered = false;
  readonly #callbacks: PostRenderCallback[] = [];

  constructor(request: HttpRequest, templateName: string | readonly string[], context: TemplateContext = {}, init: ResponseInit = {}) {
    super('', init);
    this.request = request;
    this.templateName = templateName;
    this.contextData = { ...context };
  }

  get isRendered(): boolean {
    return this.#rendered;
  }

  /** The template rendered with the current templateName and contextData (content untouched). */
  get renderedContent(): string {
    return renderToString(this.templateName, this.contextData, this.request);
  }

  /** Runs after render(); a callback returning a response replaces this one (Django's semantics). */
  addPostRenderCallback(callback: PostRenderCallback): void {
    if (this.#rendered) callback(this);
    else this.#callbacks.push(callback);
  }

  /** Renders once; later calls do nothing. Returns the response to send. */
  render(): HttpResponse {
    if (this.#rendered) return this;
    this.content = this.renderedContent;
    let response: HttpResponse = this;
    for (const callback of this.#callbacks) response = callback(response) ?? response;
    return response;
  }

  override get content(): Buffer {
    if (!this.#rendered) throw new ContentNotRenderedError();
    return super.content;
  }

  /** Setting the content directly counts as rendering it, as in Django. */
  override set content(value: string | Buffer | Uint8Array) {
    super.content = value;
    this.#rendered = true;
  }

  override get text(): string {
    return this.content.toString('utf8');
  }
}
