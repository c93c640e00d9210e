import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePassword } from '../../../src/contrib/auth/validation.js';

describe('validatePassword', () => {
  it("reports Django's messages", () => {
    assert.deepEqual(validatePassword('1234567'), [
      'This password is too short. It must contain at least 8 characters.',
      'This password is entirely numeric.',
    ]);
    assert.deepEqual(validatePassword('alice2026', { username: 'alice2026x' }), ['The password is too similar to the username.']);
    assert.deepEqual(validatePassword('smithjones1', { email: 'smithjones@example.com' }), ['The password is too similar to the email address.']);
  });

  it('accepts a long, unrelated password', () => {
    assert.deepEqual(validatePassword('tide-pool-lantern-42', { username: 'alice', email: 'alice@example.com' }), []);
  });
});
