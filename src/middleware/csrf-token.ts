/**
 * CSRF secrets and tokens as Django 4.1+: the cookie holds a 32-character secret; forms and
 * headers carry a 64-character token, the secret masked by a fresh random mask each time (so
 * the token differs on every page, defeating BREACH). Both forms are accepted back.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '../http/request.js';

export const CSRF_SECRET_LENGTH = 32;
export const CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH;
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const INVALID_CHARS = /[^a-zA-Z0-9]/;

export const REASON_INCORRECT_LENGTH = 'has incorrect length';
export const REASON_INVALID_CHARACTERS = 'has invalid characters';

/** The request's CSRF state (Django keeps it in request.META). */
export interface CsrfState {
  /** The secret the cookie will hold after this request. */
  secret: string | undefined;
  /** A new or rotated secret must be sent as the cookie. */
  needsUpdate: boolean;
  /** The check already ran and accepted the request. */
  processingDone: boolean;
}

declare module '../http/request.js' {
  interface HttpRequest {
    /** Set by CsrfViewMiddleware (or on first `getToken`). */
    csrf: CsrfState;
    /** Set by CsrfViewMiddleware: templates print `it.csrfToken` through it (templates/csrf.ts). */
    csrfToken?: (this: HttpRequest) => string;
  }
}

export class InvalidTokenFormat extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenFormat';
    this.reason = reason;
  }
}

/** A random string over [a-zA-Z0-9], unbiased (bytes ≥ 248 are redrawn). */
export function randomString(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < 248 && out.length < length) out += CHARS[byte % 62];
    }
  }
  return out;
}

export function maskSecret(secret: string): string {
  const mask = randomString(CSRF_SECRET_LENGTH);
  let cipher = '';
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) cipher += CHARS[(CHARS.indexOf(secret[i]!) + CHARS.indexOf(mask[i]!)) % 62];
  return mask + cipher;
}

export function unmaskToken(token: string): string {
  const mask = token.slice(0, CSRF_SECRET_LENGTH);
  const cipher = token.slice(CSRF_SECRET_LENGTH);
  let secret = '';
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) secret += CHARS[(CHARS.indexOf(cipher[i]!) - CHARS.indexOf(mask[i]!) + 62) % 62];
  return secret;
}

/** Throws InvalidTokenFormat unless `token` is a 32-char secret or a 64-char masked token. */
export function checkTokenFormat(token: string): void {
  if (token.length !== CSRF_TOKEN_LENGTH && token.length !== CSRF_SECRET_LENGTH) throw new InvalidTokenFormat(REASON_INCORRECT_LENGTH);
  if (INVALID_CHARS.test(token)) throw new InvalidTokenFormat(REASON_INVALID_CHARACTERS);
}

/** Constant-time comparison of a (masked or bare) token with the secret. */
export function tokenMatches(token: string, secret: string): boolean {
  const candidate = Buffer.from(token.length === CSRF_TOKEN_LENGTH ? unmaskToken(token) : token);
  const expected = Buffer.from(secret);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

function state(request: HttpRequest): CsrfState {
  return (request.csrf ??= { secret: undefined, needsUpdate: false, processingDone: false });
}

/** Django's get_token: a masked token for a form or header; creates the cookie secret if needed. */
export function getToken(request: HttpRequest): string {
  const csrf = state(request);
  if (csrf.secret === undefined) csrf.secret = randomString(CSRF_SECRET_LENGTH);
  csrf.needsUpdate = true;
  return maskSecret(csrf.secret);
}

/** The request's token getter for templates; asking for the token sets the CSRF cookie. */
export function csrfTokenGetter(this: HttpRequest): string {
  return getToken(this);
}

/** Django's rotate_token: a new secret (call after login). */
export function rotateToken(request: HttpRequest): void {
  const csrf = state(request);
  csrf.secret = randomString(CSRF_SECRET_LENGTH);
  csrf.needsUpdate = true;
}
