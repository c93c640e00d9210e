/**
 * Django's django.core.signing (TimestampSigner, sha256): `base64(json):timestamp:signature`,
 * HMAC keyed by a salted SECRET_KEY. Cookies signed here verify in Django and vice versa.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

export class BadSignature extends Error {
  override name = 'BadSignature';
}

export class SignatureExpired extends BadSignature {
  override name = 'SignatureExpired';
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function b62Encode(value: number): string {
  if (value === 0) return '0';
  let out = '';
  for (let n = value; n > 0; n = Math.floor(n / 62)) out = BASE62[n % 62] + out;
  return out;
}

export function b62Decode(text: string): number {
  let value = 0;
  for (const char of text) {
    const digit = BASE62.indexOf(char);
    if (digit === -1) throw new BadSignature('Malformed timestamp');
    value = value * 62 + digit;
  }
  return value;
}

export interface SignerOptions {
  readonly key: string;
  readonly salt: string;
}

/** Derives the HMAC key once; sign/unsign are then one HMAC each. */
export class TimestampSigner {
  readonly #key: Buffer;

  constructor(options: SignerOptions) {
    this.#key = createHash('sha256').update(`${options.salt}signer${options.key}`).digest();
  }

  signature(value: string): string {
    return createHmac('sha256', this.#key).update(value).digest('base64url');
  }

  sign(value: string, now = Date.now()): string {
    const stamped = `${value}:${b62Encode(Math.floor(now / 1000))}`;
    return `${stamped}:${this.signature(stamped)}`;
  }

  /** The signed value; BadSignature when tampered, SignatureExpired when older than maxAge seconds. */
  unsign(signed: string, maxAge?: number, now = Date.now()): string {
    const cut = signed.lastIndexOf(':');
    if (cut === -1) throw new BadSignature('No ":" found in value');
    const stamped = signed.slice(0, cut);
    const given = Buffer.from(signed.slice(cut + 1));
    const expected = Buffer.from(this.signature(stamped));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BadSignature('Signature does not match');
    const stampCut = stamped.lastIndexOf(':');
    if (stampCut === -1) throw new BadSignature('No timestamp found');
    const age = now / 1000 - b62Decode(stamped.slice(stampCut + 1));
    if (maxAge !== undefined && age > maxAge) throw new SignatureExpired(`Signature age ${age} > ${maxAge} seconds`);
    return stamped.slice(0, stampCut);
  }

  /** Django's dumps(obj, compress=True): compact JSON, zlib when it helps (marked by a leading '.'). */
  signObject(value: unknown, now?: number): string {
    const data = Buffer.from(JSON.stringify(value), 'utf8');
    const compressed = deflateSync(data);
    const payload = compressed.length < data.length - 1 ? `.${compressed.toString('base64url')}` : data.toString('base64url');
    return this.sign(payload, now);
  }

  unsignObject(signed: string, maxAge?: number, now?: number): unknown {
    const payload = this.unsign(signed, maxAge, now);
    const compressed = payload.startsWith('.');
    const data = Buffer.from(compressed ? payload.slice(1) : payload, 'base64url');
    try {
      return JSON.parse((compressed ? inflateSync(data, { maxOutputLength: 1 << 20 }) : data).toString('utf8'));
    } catch {
      throw new BadSignature('Signed payload is not valid JSON');
    }
  }
}
