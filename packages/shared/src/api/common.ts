/**
 * Contract pieces shared by every route group: text and id rules, paging, the error body.
 * Both apps import these; nothing here may use node-only modules (the web bundles it).
 */
import { z } from 'zod';
import type { ErrorCode } from '../errors';

// Control, bidi-override and zero-width characters can forge log lines or spoof text: refused everywhere.
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

// Half of a UTF-16 surrogate pair on its own is no character at all: stored, it would silently become
// U+FFFD (SQLite) or fail (PostgreSQL). Refused, never repaired.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** A user-entered text field: trimmed, bounded, free of control/bidi/zero-width characters and lone surrogates. */
export const safeText = (max: number, min = 1) =>
  z
    .string()
    .refine((s) => !hasLoneSurrogate(s), { message: 'TEXT_ENCODING' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((s) => !UNSAFE_CHARS.test(s), { message: 'NAME_CHARS' }),
    );

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'DATE_FORMAT' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s),
    {
      message: 'DATE_FORMAT',
    },
  );

export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'invalid_format' });

/** `/:id` of every record route. */
export const idParams = z.strictObject({ id: uuid });

/** Paging fields of every list query (spread into the route's query object). */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** The optimistic-lock version a writer sends back. */
export const version = z.number().int().min(1).max(2_147_483_647);

/** Every error answer. `code` is a key of the shared error catalogue (ERRORS). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string() as z.ZodType<ErrorCode>,
    message: z.string(),
    requestId: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string(), reason: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A paged list answer: the items of one page, the total count, and the page asked for. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A query as the web holds it (read from the address bar, sent as text): the contract's keys, numbers
 * as numbers and every other value as text that the server validates. A renamed key breaks the web.
 */
export type QueryValues<T extends z.ZodType> = {
  [K in keyof z.output<T>]?: NonNullable<z.output<T>[K]> extends number ? number : string;
};
