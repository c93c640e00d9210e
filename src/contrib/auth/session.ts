/**
 * Who is logged in, kept in the session (Django's django.contrib.auth login/logout): the user's id
 * and an HMAC of their password hash, so changing the password ends their other sessions.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ImproperlyConfigured } from '../../errors.js';
import type { HttpRequest } from '../../http/request.js';
import { rotateToken } from '../../middleware/csrf-token.js';
import { db } from '../../db/scope.js';
import { checkPassword } from './hashers.js';
import { AnonymousUser, checkUserPassword, getUserById, getUserByUsername, updateLastLogin, type User } from './models.js';

export const SESSION_KEY = '_auth_user_id';
export const HASH_SESSION_KEY = '_auth_user_hash';

/** The settings the auth functions need, attached to each request by AuthenticationMiddleware. */
export interface AuthConfig {
  readonly secretKey: string;
  readonly loginUrl: string;
  readonly loginRedirectUrl: string;
  readonly logoutRedirectUrl: string | null;
}

const CONFIG = 'managets.contrib.auth';

declare module '../../http/request.js' {
  interface HttpRequest {
    /** Set by AuthenticationMiddleware: the logged-in user, else an AnonymousUser. */
    user: User | AnonymousUser;
  }
}

export function attachAuthConfig(request: HttpRequest, config: AuthConfig): void {
  request.state[CONFIG] = config;
}

export function authConfig(request: HttpRequest): AuthConfig {
  const config = request.state[CONFIG] as AuthConfig | undefined;
  if (!config) {
    throw new ImproperlyConfigured(
      "This needs 'managets.contrib.auth.middleware.AuthenticationMiddleware' in MIDDLEWARE (after SessionMiddleware).",
    );
  }
  return config;
}

/** Django's get_session_auth_hash: an HMAC of the password hash, keyed by SECRET_KEY. */
export function sessionAuthHash(user: User, secretKey: string): string {
  const key = createHash('sha256').update(`managets.contrib.auth.session_auth_hash${secretKey}`).digest();
  return createHmac('sha256', key).update(user.password).digest('hex');
}

function sameHash(stored: unknown, expected: string): boolean {
  return typeof stored === 'string' && stored.length === expected.length && timingSafeEqual(Buffer.from(stored), Buffer.from(expected));
}

/** The user the session names, if they still exist, are active, and kept their password. */
export function getUser(request: HttpRequest): User | AnonymousUser {
  const { secretKey } = authConfig(request);
  const id = request.session.get(SESSION_KEY);
  const user = typeof id === 'number' ? getUserById(db(), id) : undefined;
  if (!user || !user.isActive) return new AnonymousUser();
  if (!sameHash(request.session.get(HASH_SESSION_KEY), sessionAuthHash(user, secretKey))) {
    request.session.flush();
    return new AnonymousUser();
  }
  return user;
}

/** The active user with these credentials, or null (Django's authenticate with ModelBackend). */
export async function authenticate(_request: HttpRequest | null, credentials: { username: string; password: string }): Promise<User | null> {
  const user = getUserByUsername(db(), credentials.username);
  if (!user) {
    // Hash anyway, so an unknown username takes as long as a wrong password.
    await checkPassword(credentials.password, null);
    return null;
  }
  const checked = await checkUserPassword(db(), user, credentials.password);
  return checked && checked.isActive ? checked : null;
}

/**
 * Logs `user` in: a new session key (or an emptied session when another user was logged in), a
 * new CSRF token, `request.user` set, and `last_login` updated.
 */
export function login(request: HttpRequest, user: User): void {
  const hash = sessionAuthHash(user, authConfig(request).secretKey);
  const session = request.session;
  if (session.has(SESSION_KEY)) {
    if (session.get(SESSION_KEY) !== user.id || !sameHash(session.get(HASH_SESSION_KEY), hash)) session.flush();
  } else {
    session.cycleKey();
  }
  session.set(SESSION_KEY, user.id);
  session.set(HASH_SESSION_KEY, hash);
  rotateToken(request);
  request.user = user;
  updateLastLogin(db(), user);
}

/** Logs out whoever is logged in: the session is emptied and `request.user` becomes anonymous. */
export function logout(request: HttpRequest): void {
  request.session.flush();
  request.user = new AnonymousUser();
}
