/**
 * ATOMIC_REQUESTS (Django's make_view_atomic): each view runs in a transaction that commits when
 * it returns a response and rolls back when it throws. With one connection per process and async
 * views, a request also holds the connection while it is handled, so two requests' transactions
 * never mix; requests therefore take turns on the database, as SQLite's writers do anyway.
 */
import type { HttpRequest } from '../http/request.js';
import type { HttpResponse } from '../http/response.js';
import type { MaybePromise, View, ViewKwargs } from '../http/view.js';
import type { Connection } from './connection.js';

declare module '../http/view.js' {
  interface ViewFlags {
    /** Set by `nonAtomicRequests`: ATOMIC_REQUESTS leaves this view out of its transaction. */
    nonAtomicRequests?: boolean;
  }
}

export interface AtomicRequests {
  /** Handles a request with the connection to itself. */
  request(handle: () => MaybePromise<HttpResponse>): Promise<HttpResponse>;
  /** Calls the view inside a transaction (the app keeps its name and flags for processView). */
  call(view: View): View;
}

export function atomicRequests(connection: Connection): AtomicRequests {
  return {
    request: (handle) => connection.hold(async () => handle()),
    call: (view) => (request: HttpRequest, kwargs: ViewKwargs) => connection.transaction(async () => view(request, kwargs)),
  };
}

/** Django's non_atomic_requests: this view manages its own transactions under ATOMIC_REQUESTS. */
export function nonAtomicRequests<V extends View>(view: V): V {
  view.nonAtomicRequests = true;
  return view;
}
