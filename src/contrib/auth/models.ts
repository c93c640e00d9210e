/**
 * Users: rows of `auth_user` (Django's table and columns) as User objects, the AnonymousUser a
 * request gets when nobody is logged in, and the few queries the auth app needs.
 */
import type { Connection } from '../../db/connection.js';
import { checkPassword, makePassword, makeUnusablePassword } from './hashers.js';

export interface UserRow {
  id: number;
  password: string;
  last_login: string | null;
  is_superuser: number;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  is_staff: number;
  is_active: number;
  date_joined: string;
}

export class User {
  readonly isAuthenticated = true;
  readonly isAnonymous = false;
  readonly id: number;
  readonly username: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly isSuperuser: boolean;
  readonly isStaff: boolean;
  readonly isActive: boolean;
  readonly lastLogin: Date | null;
  readonly dateJoined: Date;
  /** The stored hash (never the password); the session keeps an HMAC of it. */
  readonly password: string;

  constructor(row: UserRow) {
    this.id = row.id;
    this.username = row.username;
    this.email = row.email;
    this.firstName = row.first_name;
    this.lastName = row.last_name;
    this.isSuperuser = row.is_superuser === 1;
    this.isStaff = row.is_staff === 1;
    this.isActive = row.is_active === 1;
    this.lastLogin = row.last_login === null ? null : new Date(row.last_login);
    this.dateJoined = new Date(row.date_joined);
    this.password = row.password;
  }

  toString(): string {
    return this.username;
  }
}

export class AnonymousUser {
  readonly isAuthenticated = false;
  readonly isAnonymous = true;
  readonly id = null;
  readonly username = '';
  readonly isSuperuser = false;
  readonly isStaff = false;
  readonly isActive = false;

  toString(): string {
    return 'AnonymousUser';
  }
}

export function getUserById(db: Connection, id: number): User | undefined {
  const row = db.get<UserRow>('SELECT * FROM auth_user WHERE id = ?', [id]);
  return row && new User(row);
}

export function getUserByUsername(db: Connection, username: string): User | undefined {
  const row = db.get<UserRow>('SELECT * FROM auth_user WHERE username = ?', [username]);
  return row && new User(row);
}

export interface NewUser {
  username: string;
  email?: string;
  /** Raw password; `null` or omitted creates a user who cannot log in with a password. */
  password?: string | null;
  isSuperuser?: boolean;
  isStaff?: boolean;
  firstName?: string;
  lastName?: string;
}

/** Django's create_user: hashes the password and inserts the row. */
export async function createUser(db: Connection, user: NewUser): Promise<User> {
  const password = user.password == null ? makeUnusablePassword() : await makePassword(user.password);
  const { lastInsertRowid } = db.run(
    `INSERT INTO auth_user (password, username, email, first_name, last_name, is_superuser, is_staff, is_active, date_joined)
     VALUES (@password, @username, @email, @firstName, @lastName, @isSuperuser, @isStaff, 1, @dateJoined)`,
    {
      password,
      username: user.username,
      email: normalizeEmail(user.email ?? ''),
      firstName: user.firstName ?? '',
      lastName: user.lastName ?? '',
      isSuperuser: user.isSuperuser ?? false,
      isStaff: user.isStaff ?? false,
      dateJoined: new Date(),
    },
  );
  return getUserById(db, Number(lastInsertRowid))!;
}

/** Django's create_superuser: staff and superuser. */
export function createSuperuser(db: Connection, user: Omit<NewUser, 'isSuperuser' | 'isStaff'>): Promise<User> {
  return createUser(db, { ...user, isSuperuser: true, isStaff: true });
}

export async function setPassword(db: Connection, user: User, raw: string | null): Promise<User> {
  const password = raw === null ? makeUnusablePassword() : await makePassword(raw);
  db.run('UPDATE auth_user SET password = ? WHERE id = ?', [password, user.id]);
  return getUserById(db, user.id)!;
}

/**
 * The user when `raw` is their password, else undefined. A hash made with older parameters is
 * upgraded on the way, so the user returned then carries the new hash.
 */
export async function checkUserPassword(db: Connection, user: User, raw: string): Promise<User | undefined> {
  const { valid, mustUpdate } = await checkPassword(raw, user.password);
  if (!valid) return undefined;
  return mustUpdate ? setPassword(db, user, raw) : user;
}

export function updateLastLogin(db: Connection, user: User): void {
  db.run('UPDATE auth_user SET last_login = ? WHERE id = ?', [new Date(), user.id]);
}

/** Django's normalize_email: the domain part is case-insensitive, so it is lowercased. */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}
