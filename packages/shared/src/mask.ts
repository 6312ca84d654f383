/** Display masking and normalisation of personal identifiers (PIPL minimisation). */

function fullWidthDigitsToAscii(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

/** How many leading characters of an ID number a masked value keeps. */
export const ID_MASK_KEEP = 4;

/**
 * Mask an ID number for display: the first 4 (province and prefecture) + `*` for the rest
 * (18 chars → `3205**************`). The birth date (digits 7–14) and the gender are shown elsewhere
 * in clear, so the sequence and the check digit (15–18) must stay hidden too: with them visible the
 * whole number follows from fields every reader gets (issue 7). Values of 8 characters or fewer are
 * masked completely.
 */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  const s = id.trim();
  const chars = [...s];
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return chars.slice(0, ID_MASK_KEEP).join('') + '*'.repeat(chars.length - ID_MASK_KEEP);
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

/**
 * Whether free text carries something that looks like an ID number or a mobile number: a run of 11 or
 * more digits (an ID may end in X), counting full-width digits and ignoring spaces, dashes and dots
 * between them. Texts such as a reveal's reason are stored in the audit trail, which must never hold
 * one in clear.
 */
export function hasIdOrPhoneLikeRun(text: string): boolean {
  const s = fullWidthDigitsToAscii(String(text ?? ''))
    .replace(/\uFF38/g, 'X')
    .replace(/\uFF58/g, 'x');
  const joined = s.replace(/(?<=\d)[\s\u3000\-\u2010-\u2015\uFF0D.·]+(?=[\dXx])/g, '');
  return /\d{11,}|\d{14,}[Xx]/.test(joined);
}
