import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** A file's bytes sealed with AES-256-GCM under its own subkey: iv (12) | tag (16) | ciphertext. */
  sealBytes(plain: Buffer): { keyId: string; sealed: Buffer };
  /** Opens sealBytes' output; throws when the key id is unknown or the bytes were altered. */
  openBytes(keyId: string, sealed: Buffer): Buffer;
  blindIndex(normalized: string): string;
  mac(parts: readonly (string | null)[]): string;
  verifyMac(parts: readonly (string | null)[], mac: string): boolean;
  auditKey: Buffer;
  /** The key id this instance seals under (k1, then k2, k3… after each rotation; see rotate-key). */
  keyId: string;
}

/** The id of the first master key; each `rotate-key` moves to the next (k2, k3…). */
export const FIRST_KEY_ID = 'k1';

/** The id after `keyId` (k1 → k2). */
export function nextKeyId(keyId: string): string {
  const m = /^k(\d+)$/.exec(keyId);
  if (!m) throw new Error(`Not a key id: ${keyId}`);
  return `k${Number(m[1]) + 1}`;
}

/** The key id a sealed text value carries (the part before the first colon). */
export function sealedKeyId(stored: string): string {
  return stored.slice(0, Math.max(0, stored.indexOf(':')));
}

function subkey(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `xinhuo:${label}`, 32));
}

/** AES-256-GCM for sensitive fields, a keyed HMAC blind index for lookups, an HMAC row MAC for integrity. */
export function createFieldCrypto(masterKey: Buffer, keyId: string = FIRST_KEY_ID): FieldCrypto {
  const KEY_ID = keyId;
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
  // Key objects made once: a Buffer key is imported again by every cipher and HMAC (an import seals
  // several fields per row of 100,000).
  const encKey = createSecretKey(subkey(masterKey, 'field-enc'));
  const bidxKey = createSecretKey(subkey(masterKey, 'blind-index'));
  const macKey = createSecretKey(subkey(masterKey, 'row-mac'));
  const auditKey = subkey(masterKey, 'audit-chain');
  const fileKey = createSecretKey(subkey(masterKey, 'file-enc'));
  const hmac = (key: KeyObject, data: string) => createHmac('sha256', key).update(data, 'utf8').digest('hex');
  const macOf = (parts: readonly (string | null)[]) => hmac(macKey, JSON.stringify(parts));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `${KEY_ID}:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
    },
    decrypt(stored) {
      const [kid, b64] = stored.split(':');
      if (kid !== KEY_ID || !b64) throw new Error('Unknown key id');
      const buf = Buffer.from(b64, 'base64');
      const d = createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
    sealBytes(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', fileKey, iv);
      const ct = Buffer.concat([c.update(plain), c.final()]);
      return { keyId: KEY_ID, sealed: Buffer.concat([iv, c.getAuthTag(), ct]) };
    },
    openBytes(keyId, sealed) {
      if (keyId !== KEY_ID) throw new Error('Unknown key id');
      const d = createDecipheriv('aes-256-gcm', fileKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
    blindIndex: (normalized) => hmac(bidxKey, normalized),
    mac: macOf,
    verifyMac(parts, mac) {
      const a = Buffer.from(macOf(parts), 'hex');
      const b = Buffer.from(mac, 'hex');
      return a.length === b.length && timingSafeEqual(a, b);
    },
    auditKey,
    keyId,
  };
}
