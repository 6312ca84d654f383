import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACTIVATION_TTL_MS = 72 * 3600_000;
export const ACTIVATION_MAX_FAILURES = 5;

/** A fresh one-time activation code: 80 random bits as 4 groups of 4 base32 characters (XXXX-XXXX-XXXX-XXXX). */
export function newActivationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** The code as typed, made canonical: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normalizeActivationCode(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** What is stored: the hash only (80 random bits need no slow hash). */
export function activationCodeHash(typed: string): string {
  return createHash('sha256')
    .update(`xinhuo-activation:${normalizeActivationCode(typed)}`)
    .digest('hex');
}

export function activationCodeMatches(typed: string, storedHash: string): boolean {
  const a = Buffer.from(activationCodeHash(typed), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
