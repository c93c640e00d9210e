/**
 * Errors a view or middleware raises to produce an HTTP status (Django's Http404, PermissionDenied,
 * BadRequest, SuspiciousOperation...). `expose` says whether the message may reach the client when
 * DEBUG is off: never for 5xx. Leaf module of the http core.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;

  constructor(status: number, message = '', options: { code?: string; expose?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = options.code ?? `MANAGE_ERR_HTTP_${status}`;
    this.expose = options.expose ?? status < 500;
  }
}

/** 404. Raised by views (`throw new Http404('No post 7')`) and by URL resolution. */
export class Http404 extends HttpError {
  constructor(message = '', options: { cause?: unknown } = {}) {
    super(404, message, { code: 'MANAGE_ERR_HTTP_404', ...options });
  }
}

/** 403 (Django's django.core.exceptions.PermissionDenied). */
export class PermissionDenied extends HttpError {
  constructor(message = '') {
    super(403, message, { code: 'MANAGE_ERR_PERMISSION_DENIED' });
  }
}

/** 400 for a request the view considers malformed. */
export class BadRequest extends HttpError {
  constructor(message = '') {
    super(400, message, { code: 'MANAGE_ERR_BAD_REQUEST' });
  }
}

/** 400, logged on the security logger: the request tried something suspicious. */
export class SuspiciousOperation extends HttpError {
  constructor(message = '', code = 'MANAGE_ERR_SUSPICIOUS_OPERATION') {
    super(400, message, { code });
  }
}

/** The Host header is not in ALLOWED_HOSTS. */
export class DisallowedHost extends SuspiciousOperation {
  constructor(message: string) {
    super(message, 'MANAGE_ERR_DISALLOWED_HOST');
  }
}

/** A path tried to leave its root (static and media serving). */
export class SuspiciousFileOperation extends SuspiciousOperation {
  constructor(message: string) {
    super(message, 'MANAGE_ERR_SUSPICIOUS_FILE_OPERATION');
  }
}

/** The body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE: 413, and the view never runs. */
export class RequestDataTooBig extends HttpError {
  constructor(message = 'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.') {
    super(413, message, { code: 'MANAGE_ERR_REQUEST_DATA_TOO_BIG' });
  }
}

/** More form fields than DATA_UPLOAD_MAX_NUMBER_FIELDS. */
export class TooManyFieldsSent extends HttpError {
  constructor(message = 'The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.') {
    super(400, message, { code: 'MANAGE_ERR_TOO_MANY_FIELDS' });
  }
}
