import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkPassword,
  isPasswordUsable,
  makePassword,
  makeUnusablePassword,
  SCRYPT_PARAMETERS,
} from '../../../src/contrib/auth/hashers.js';

/** Made by Python's hashlib.scrypt the way Django's ScryptPasswordHasher stores it. */
const DJANGO_HASH =
  'scrypt$QsJx5fUYY2ZNNTdr7cUsCk$16384$8$1$NF5YVp8Uxm6KJvJCuiYvy6gGNR1b2wai2UFOlGkEYQNegFSyp8U9O2ozzkc8x+c/iXpEkebGH8JGt/HRVyTsYg==';
const WEAK_DJANGO_HASH =
  'scrypt$abc$1024$8$1$iIU/y6me46/zt3/b+NSKseeNX0//ZQYdbuTaNIrBMmENtP9Q3uWYDcqVUQnibInkK9AhBIXs6inyM5vllG7H4w==';

describe('password hashing', () => {
  it('stores algorithm, salt and parameters with the hash, salted differently each time', async () => {
    const first = await makePassword('correct horse');
    const second = await makePassword('correct horse');
    assert.match(first, /^scrypt\$[\w-]{22}\$16384\$8\$1\$[A-Za-z0-9+/]{86}==$/);
    assert.notEqual(first, second);
    assert.deepEqual(await checkPassword('correct horse', first), { valid: true, mustUpdate: false });
    assert.deepEqual(await checkPassword('correct horsE', first), { valid: false, mustUpdate: false });
  });

  it("verifies Django's scrypt hashes", async () => {
    assert.equal((await checkPassword('correct horse', DJANGO_HASH)).valid, true);
    assert.equal((await checkPassword('wrong', DJANGO_HASH)).valid, false);
  });

  it('asks for a rehash when the stored parameters are not the current ones', async () => {
    assert.deepEqual(await checkPassword('correct horse', WEAK_DJANGO_HASH), { valid: true, mustUpdate: true });
    const raised = { ...SCRYPT_PARAMETERS, N: 2 ** 15 };
    assert.deepEqual(await checkPassword('correct horse', DJANGO_HASH, raised), { valid: true, mustUpdate: true });
    assert.deepEqual(await checkPassword('wrong', WEAK_DJANGO_HASH), { valid: false, mustUpdate: false });
  });

  it('never accepts unusable, tampered or malformed hashes', async () => {
    const unusable = makeUnusablePassword();
    assert.equal(isPasswordUsable(unusable), false);
    assert.equal(isPasswordUsable(DJANGO_HASH), true);
    assert.equal(isPasswordUsable(null), false);
    const tampered = DJANGO_HASH.replace('$16384$', '$1024$');
    for (const encoded of [unusable, tampered, DJANGO_HASH.slice(0, -10), 'md5$x$y', '', null, undefined]) {
      assert.equal((await checkPassword('correct horse', encoded)).valid, false, String(encoded));
    }
  });
});
