import type { GetResponse, HttpRequest } from 'managets';

/**
 * A custom middleware (Django's factory shape): times everything inside it and reports it in a
 * Server-Timing header, which the browser's developer tools show under Network → Timing.
 */
export function timing(getResponse: GetResponse) {
  return async (request: HttpRequest) => {
    const started = performance.now();
    const response = await getResponse(request);
    response.headers.set('Server-Timing', `app;desc="managets";dur=${(performance.now() - started).toFixed(2)}`);
    return response;
  };
}
