/**
 * Password hashing with node:crypto scrypt, stored as Django's ScryptPasswordHasher does:
 * `scrypt$<salt>$<N>$<r>$<p>$<base64 hash>`. The parameters travel with each hash, so raising them
 * later still verifies old hashes, and `mustUpdate` says when one should be rehashed at login.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const ALGORITHM = 'scrypt';

/** Django's defaults for scrypt: N = 2^14, r = 8, p = 1, 64-byte key. */
export const SCRYPT_PARAMETERS = Object.freeze({ N: 2 ** 14, r: 8, p: 1, keyLength: 64 });

/** Django's UNUSABLE_PASSWORD_PREFIX: such a password never matches anything. */
export const UNUSABLE_PASSWORD_PREFIX = '!';

interface Decoded {
  salt: string;
  N: number;
  r: number;
  p: number;
  hash: Buffer;
}

export async function makePassword(raw: string, parameters = SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(16).toString('base64url');
  const { N, r, p } = parameters;
  const hash = await derive(raw, salt, { N, r, p }, parameters.keyLength);
  return [ALGORITHM, salt, N, r, p, hash.toString('base64')].join('$');
}

/** A password that can never be used to log in (users created without one). */
export function makeUnusablePassword(): string {
  return UNUSABLE_PASSWORD_PREFIX + randomBytes(30).toString('base64url');
}

export function isPasswordUsable(encoded: string | null | undefined): boolean {
  return typeof encoded === 'string' && !encoded.startsWith(UNUSABLE_PASSWORD_PREFIX) && decode(encoded) !== undefined;
}

/** Constant-time check of `raw` against a stored hash; `mustUpdate` when it used weaker parameters. */
export async function checkPassword(
  raw: string,
  encoded: string | null | undefined,
  parameters = SCRYPT_PARAMETERS,
): Promise<{ valid: boolean; mustUpdate: boolean }> {
  const decoded = typeof encoded === 'string' ? decode(encoded) : undefined;
  if (!decoded) {
    // Same work as a real check, so a missing or unusable password does not answer faster.
    await makePassword(raw, parameters);
    return { valid: false, mustUpdate: false };
  }
  const hash = await derive(raw, decoded.salt, decoded, parameters.keyLength);
  const valid = hash.length === decoded.hash.length && timingSafeEqual(hash, decoded.hash);
  const mustUpdate = decoded.N !== parameters.N || decoded.r !== parameters.r || decoded.p !== parameters.p;
  return { valid, mustUpdate: valid && mustUpdate };
}

function decode(encoded: string): Decoded | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== ALGORITHM) return undefined;
  const [, salt, N, r, p, hash] = parts as [string, string, string, string, string, string];
  const numbers = [Number(N), Number(r), Number(p)];
  if (!numbers.every((n) => Number.isSafeInteger(n) && n > 0) || !salt || !hash) return undefined;
  return { salt, N: numbers[0]!, r: numbers[1]!, p: numbers[2]!, hash: Buffer.from(hash, 'base64') };
}

function derive(raw: string, salt: string, options: { N: number; r: number; p: number }, keyLength: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; leave headroom above Node's 32 MiB default for raised parameters.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(raw, salt, keyLength, scryptOptions, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
