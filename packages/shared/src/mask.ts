/** Display masking and normalisation of personal identifiers (PIPL minimisation). */

function fullWidthDigitsToAscii(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

/**
 * Mask an ID number for display: first 4 + `*` + last 4 (18 chars → `3205**********123X`).
 * Values of 8 characters or fewer are masked completely.
 */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  const s = id.trim();
  const chars = [...s];
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('');
}

/**
 * Mask a phone number for display: `13812345678` → `138****5678`.
 * Shorter values keep at most the last 2 characters.
 */
export function maskPhone(p: string | null | undefined): string {
  if (!p) return '';
  const s = p.trim();
  const chars = [...s];
  if (chars.length >= 11) {
    return chars.slice(0, chars.length - 8).join('') + '****' + chars.slice(-4).join('');
  }
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 2) + chars.slice(-2).join('');
}

/**
 * Normalise a phone number as typed: full-width digits → ASCII; remove spaces (incl. full-width),
 * dashes and dots; drop a leading +86 / 0086 country code in front of an 11-digit mobile number.
 */
export function normalizePhone(raw: string): string {
  let s = fullWidthDigitsToAscii(String(raw ?? ''));
  s = s.replace(/\uFF0B/g, '+');
  s = s.replace(/[\s\u3000\-\u2010-\u2015\uFF0D.]/g, '');
  const m = /^(?:\+86|0086)(1\d{10})$/.exec(s);
  if (m) return m[1]!;
  return s;
}

/** Mainland mobile number: `^1[3-9]\d{9}$` (expects a normalised value). */
export function isValidMobile(p: string): boolean {
  return typeof p === 'string' && /^1[3-9]\d{9}$/.test(p);
}
