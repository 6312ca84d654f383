import { z } from 'zod';

/*
 * Field schemas the matter, meeting and attachment contracts are built from: a copy of the server's
 * apps/server/src/platform/http/schemas.ts pieces, private to this folder (not exported from the
 * package) until the shared api/common.ts of issue 8 takes their place at the merge.
 */

// Control, bidi-override and zero-width characters can forge log lines or spoof text: refused everywhere.
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

// Half of a UTF-16 surrogate pair on its own is no character at all: refused, never repaired.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A user-entered text field: trimmed, bounded, free of control/bidi/zero-width characters and lone surrogates. */
export const safeText = (max: number, min = 1) =>
  z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'TEXT_ENCODING' })
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

export const idParams = z.strictObject({ id: uuid });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** The envelope of every paged list answer. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** A row's version, for optimistic concurrency. */
export const version = z.number().int().min(1).max(2_147_483_647);
