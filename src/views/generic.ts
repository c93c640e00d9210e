/**
 * Class-based views (Django's django.views.generic.base). `View.asView(initkwargs)` gives a view
 * function that builds a fresh instance per request and dispatches on the method: unknown or
 * unimplemented methods get 405 with Allow, OPTIONS is answered, HEAD falls back to GET.
 */
import type { HttpRequest } from '../http/request.js';
import { HttpResponse, HttpResponseGone, HttpResponseNotAllowed, HttpResponsePermanentRedirect, HttpResponseRedirect } from '../http/response.js';
import type { MaybePromise, View as ViewFunction, ViewKwargs } from '../http/view.js';
import { ImproperlyConfigured } from '../errors.js';
import { TemplateResponse } from '../templates/response.js';
import { reverse } from '../urls/context.js';

const HTTP_METHOD_NAMES = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

type Handler = (request: HttpRequest, kwargs: ViewKwargs) => MaybePromise<HttpResponse>;

/** A view function made by asView, remembering its class (Django's view_class/view_initkwargs). */
export interface ClassView extends ViewFunction {
  viewClass: typeof View;
  viewInitkwargs: Readonly<Record<string, unknown>>;
}

export class View {
  /** Methods this class may answer; a subclass can narrow the list. */
  static httpMethodNames: readonly string[] = HTTP_METHOD_NAMES;
  /** Set on a subclass to exempt all its methods from CSRF checks. */
  static csrfExempt = false;

  request!: HttpRequest;
  kwargs!: ViewKwargs;

  /** The view function for urlpatterns. Only existing attributes may be set through `initkwargs`. */
  static asView<T extends typeof View>(this: T, initkwargs: Partial<InstanceType<T>> & Record<string, unknown> = {}): ClassView {
    const cls = this;
    const probe = new cls() as unknown as Record<string, unknown>;
    for (const key of Object.keys(initkwargs)) {
      if (cls.httpMethodNames.includes(key)) {
        throw new TypeError(`The method name ${key} is not accepted as a keyword argument to ${cls.name}().`);
      }
      if (!(key in probe)) {
        throw new TypeError(`${cls.name}() received an invalid keyword '${key}'. asView only accepts arguments that are already attributes of the class.`);
      }
    }
    const view = ((request: HttpRequest, kwargs: ViewKwargs) => {
      // Assigned after construction so subclass field initialisers can't overwrite them.
      const instance = Object.assign(new cls(), initkwargs);
      instance.setup(request, kwargs);
      return instance.dispatch(request, kwargs);
    }) as ClassView;
    Object.defineProperty(view, 'name', { value: cls.name });
    view.viewClass = cls;
    view.viewInitkwargs = Object.freeze({ ...initkwargs });
    if (cls.csrfExempt) view.csrfExempt = true;
    return view;
  }

  setup(request: HttpRequest, kwargs: ViewKwargs): void {
    this.request = request;
    this.kwargs = kwargs;
  }

  /** The method's handler, HEAD falling back to GET. */
  #handler(method: string): Handler | undefined {
    const name = method.toLowerCase();
    if (!(this.constructor as typeof View).httpMethodNames.includes(name)) return undefined;
    const self = this as unknown as Record<string, unknown>;
    const handler = self[name] ?? (name === 'head' ? self.get : undefined);
    return typeof handler === 'function' ? (handler as Handler) : undefined;
  }

  dispatch(request: HttpRequest, kwargs: ViewKwargs): MaybePromise<HttpResponse> {
    const handler = this.#handler(request.method);
    return handler ? handler.call(this, request, kwargs) : this.httpMethodNotAllowed(request, kwargs);
  }

  httpMethodNotAllowed(_request: HttpRequest, _kwargs: ViewKwargs): MaybePromise<HttpResponse> {
    return new HttpResponseNotAllowed(this.allowedMethods());
  }

  options(_request: HttpRequest, _kwargs: ViewKwargs): MaybePromise<HttpResponse> {
    return new HttpResponse('', { headers: { Allow: this.allowedMethods().join(', '), 'Content-Length': '0' } });
  }

  allowedMethods(): string[] {
    return (this.constructor as typeof View).httpMethodNames.filter((name) => this.#handler(name)).map((name) => name.toUpperCase());
  }
}

/**
 * Renders `templateName` with the URL kwargs, `view` and `extraContext` (override getContextData
 * to add more) as a TemplateResponse, so middleware can still adjust it before it renders.
 */
export class TemplateView extends View {
  templateName: string | readonly string[] | null = null;
  extraContext: Record<string, unknown> | null = null;

  getContextData(kwargs: ViewKwargs): MaybePromise<Record<string, unknown>> {
    return { ...kwargs, view: this, ...this.extraContext };
  }

  getTemplateNames(): string | readonly string[] {
    if (this.templateName === null) {
      throw new ImproperlyConfigured(`${this.constructor.name} requires either a definition of 'templateName' or an implementation of 'getTemplateNames()'`);
    }
    return this.templateName;
  }

  async get(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    return new TemplateResponse(request, this.getTemplateNames(), await this.getContextData(kwargs));
  }
}

/**
 * Redirects to `url` (with `%(name)s` placeholders filled from the URL kwargs) or to the reversed
 * `patternName`; 410 Gone when neither is set. Answers every method the same way.
 */
export class RedirectView extends View {
  permanent = false;
  url: string | null = null;
  /** A URL pattern name to reverse with the request's URL kwargs, when `url` is not set. */
  patternName: string | null = null;
  /** Append the request's query string. */
  queryString = false;

  /** The target URL, or null for 410. Override to compute it. */
  getRedirectUrl(kwargs: ViewKwargs): MaybePromise<string | null> {
    let url: string;
    if (this.url !== null) url = this.url.replace(/%\((\w+)\)s/g, (_match, name: string) => String(kwargs[name] ?? ''));
    else if (this.patternName !== null) url = reverse(this.patternName, { kwargs });
    else return null;
    return this.queryString && this.request.queryString ? `${url}?${this.request.queryString}` : url;
  }

  async get(_request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    const url = await this.getRedirectUrl(kwargs);
    if (!url) return new HttpResponseGone();
    return this.permanent ? new HttpResponsePermanentRedirect(url) : new HttpResponseRedirect(url);
  }

  head(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    return this.get(request, kwargs);
  }
  post(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    return this.get(request, kwargs);
  }
  put(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    return this.get(request, kwargs);
  }
  patch(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    return this.get(request, kwargs);
  }
  delete(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    return this.get(request, kwargs);
  }
  override options(request: HttpRequest, kwargs: ViewKwargs): Promise<HttpResponse> {
    return this.get(request, kwargs);
  }
}
