/**
 * Password policy (security brief B1 item 1). Enforced server-side; the web client uses the same
 * function for inline feedback. Passwords are never truncated: length is counted in code points
 * and the whole string is checked.
 */
import { isCommonPassword } from './common-passwords';
import { fullPinyin } from './pinyin';

export type PasswordViolation =
  'TOO_SHORT' | 'TOO_LONG' | 'TOO_FEW_CLASSES' | 'COMMON_PASSWORD' | 'CONTAINS_CONTEXT' | 'CONTROL_CHARACTER';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** Required number of character classes out of 4 (lower, upper, digit, other). */
export const PASSWORD_MIN_CLASSES = 3;
/** Context words shorter than this are ignored. */
const MIN_CONTEXT_WORD_LENGTH = 3;
/** Words that must never appear in a password on this platform. */
export const PASSWORD_BUILTIN_CONTEXT_WORDS: readonly string[] = ['zzb', 'zuzhibu', 'xinhuo', 'admin'];

export interface PasswordContext {
  username?: string;
  displayName?: string;
  phone?: string;
  idNumber?: string;
  /** Extra words, e.g. county/town names and their pinyin. */
  contextWords?: string[];
}

function toAsciiDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

/** Number of character classes present (lower, upper, digit, other). */
export function passwordCharClasses(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const c of password) {
    if (/\p{Ll}/u.test(c)) lower = true;
    else if (/\p{Lu}/u.test(c)) upper = true;
    else if (/\p{Nd}/u.test(c)) digit = true;
    else other = true;
  }
  return Number(lower) + Number(upper) + Number(digit) + Number(other);
}

/** The lower-cased context words (length ≥ 3) a password must not contain. */
export function passwordContextWords(ctx: PasswordContext): string[] {
  const words: string[] = [...PASSWORD_BUILTIN_CONTEXT_WORDS];
  const username = ctx.username?.trim();
  if (username) {
    words.push(username);
    words.push(...username.split(/[-_.@\s]+/));
  }
  const displayName = ctx.displayName?.trim();
  if (displayName) {
    words.push(displayName);
    words.push(...displayName.split(/[\s·.\-_]+/));
    const py = fullPinyin(displayName);
    if (py) words.push(py);
  }
  if (ctx.phone) {
    const phone = toAsciiDigits(ctx.phone).replace(/[^\d]/g, '');
    if (phone) words.push(phone);
  }
  if (ctx.idNumber) {
    const id = toAsciiDigits(ctx.idNumber.trim()).toUpperCase();
    if (id.length >= 6) {
      words.push(id.slice(0, 6), id.slice(-6));
      if (id.length === 18) words.push(id.slice(6, 14)); // birth date YYYYMMDD
    }
  }
  for (const w of ctx.contextWords ?? []) words.push(w);

  const out = new Set<string>();
  for (const w of words) {
    const lw = w.trim().toLowerCase();
    if ([...lw].length >= MIN_CONTEXT_WORD_LENGTH) out.add(lw);
  }
  return [...out];
}

/**
 * Control characters (NUL, line breaks, C1), invisible format characters (zero-width, bidi
 * controls, BOM) and lone UTF-16 surrogates: none can be typed reliably at a login box, some are
 * cut or altered by a terminal, a C library or a UTF-8 encoder, and none makes a password stronger.
 */
const UNTYPEABLE = /[\p{Cc}\p{Cf}\uD800-\uDFFF]/u; // with the u flag only lone surrogates match the range

/** The password as the blocklist and the context words see it: NFKC folds full-width and other compatibility forms (ｐａｓｓ → pass). */
const folded = (s: string) => s.normalize('NFKC').toLowerCase();

/** A common password, or one with a single letter appended to pass the character-class rule (Password123A). */
function isCommonOrCommonPlusLetter(lower: string): boolean {
  return (
    isCommonPassword(lower) || (/\p{L}$/u.test(lower) && isCommonPassword([...lower].slice(0, -1).join('')))
  );
}

/** All policy violations of `password` (empty array = acceptable). */
export function checkPasswordPolicy(
  password: string,
  ctx: PasswordContext = {},
  rules: { minLength?: number; minClasses?: number } = {},
): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  if (UNTYPEABLE.test(password)) violations.push('CONTROL_CHARACTER');
  const length = [...password].length;
  if (length < Math.max(PASSWORD_MIN_LENGTH, rules.minLength ?? 0)) violations.push('TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) violations.push('TOO_LONG');
  if (passwordCharClasses(password) < Math.max(PASSWORD_MIN_CLASSES, rules.minClasses ?? 0))
    violations.push('TOO_FEW_CLASSES');
  const lower = folded(password);
  if (isCommonOrCommonPlusLetter(lower)) violations.push('COMMON_PASSWORD');
  if (passwordContextWords(ctx).some((w) => lower.includes(folded(w)))) violations.push('CONTAINS_CONTEXT');
  return violations;
}
