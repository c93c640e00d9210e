/**
 * Password validation for createsuperuser and changepassword: Django's default validators (minimum
 * length, similarity to the user's attributes, entirely numeric) with Django's messages.
 * Django's common-password list is not shipped.
 */

export const MIN_LENGTH = 8;
const MAX_SIMILARITY = 0.7;
const ATTRIBUTES = [
  ['username', 'username'],
  ['firstName', 'first name'],
  ['lastName', 'last name'],
  ['email', 'email address'],
] as const;

export interface UserAttributes {
  username?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
}

/** The problems with `password`, as messages; empty when it passes. */
export function validatePassword(password: string, user: UserAttributes = {}): string[] {
  const errors: string[] = [];
  const similar = ATTRIBUTES.find(([key]) => isSimilar(password, user[key]));
  if (similar) errors.push(`The password is too similar to the ${similar[1]}.`);
  if ([...password].length < MIN_LENGTH) {
    errors.push(`This password is too short. It must contain at least ${MIN_LENGTH} characters.`);
  }
  if (/^\d+$/.test(password)) errors.push('This password is entirely numeric.');
  return errors;
}

/** Django's UserAttributeSimilarityValidator: difflib's quick_ratio against the value and its parts. */
function isSimilar(password: string, value: string | undefined): boolean {
  if (!value) return false;
  const lower = password.toLowerCase();
  const valueLower = value.toLowerCase();
  return [...valueLower.split(/[^\p{L}\p{N}_]+/u), valueLower].some(
    (part) => part !== '' && !exceedsLengthRatio(lower, part) && quickRatio(lower, part) >= MAX_SIMILARITY,
  );
}

/** A much longer password cannot be "too similar" to a short value (Django's shortcut). */
function exceedsLengthRatio(password: string, value: string): boolean {
  return password.length >= 10 * value.length && value.length < (MAX_SIMILARITY / 2) * password.length;
}

/** difflib.SequenceMatcher.quick_ratio: 2 * (shared characters, with multiplicity) / total length. */
function quickRatio(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const char of b) counts.set(char, (counts.get(char) ?? 0) + 1);
  let matches = 0;
  for (const char of a) {
    const left = counts.get(char) ?? 0;
    if (left > 0) {
      matches++;
      counts.set(char, left - 1);
    }
  }
  const total = a.length + b.length;
  return total === 0 ? 1 : (2 * matches) / total;
}
