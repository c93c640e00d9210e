/** Django's check_response: anything but a response is a bug in the named view, hook or layer. */
import { HttpResponse } from '../http/response.js';

export function checkResponse(value: unknown, describe: () => string): asserts value is HttpResponse {
  if (value instanceof HttpResponse) return;
  throw notAResponse(value, describe);
}

/** The error check_response raises for `value`. */
export function notAResponse(value: unknown, describe: () => string): TypeError {
  return new TypeError(`${describe()} didn't return an HttpResponse object. It returned ${describeValue(value)} instead.`);
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  return `a value of type ${typeof value}`;
}
