/** A full 18-digit resident ID number (region, birth date, sequence, check character). */
export const ID_RE = /[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]/;
/** A full mainland mobile number, not part of a longer run of digits. */
export const PHONE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

// Record ids are UUIDs and session ids SHA-256 hex; their random hex can hold an 11-digit run
// ("…-d16750122851", "…c18449232346…"), which is not personal data.
const OPAQUE_IDS =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;

/** The first full ID number or phone in `text` (record and session ids aside), or null. */
export function findPii(text: string): string | null {
  const t = text.replace(OPAQUE_IDS, '');
  return (ID_RE.exec(t) ?? PHONE_RE.exec(t))?.[0] ?? null;
}
