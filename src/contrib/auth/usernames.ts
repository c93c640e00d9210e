/** Username rules shared by createsuperuser and changepassword (Django's UnicodeUsernameValidator). */
import type { Connection } from '../../db/connection.js';
import { getUserByUsername } from './models.js';

export const USERNAME_MAX_LENGTH = 150;

/** Why `username` cannot be used for a new user, in Django's words, or undefined. */
export function usernameProblem(db: Connection, username: string): string | undefined {
  if (getUserByUsername(db, username)) return 'Error: That username is already taken.';
  if (username === '') return 'Username cannot be blank.';
  if (!/^[\p{L}\p{N}_.@+-]+$/u.test(username)) {
    return 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
  }
  if (username.length > USERNAME_MAX_LENGTH) {
    return `Ensure this value has at most ${USERNAME_MAX_LENGTH} characters (it has ${username.length}).`;
  }
  return undefined;
}
