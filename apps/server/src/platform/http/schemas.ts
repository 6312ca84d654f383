import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

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

/**
 * The path of the first string (key or value) in parsed input that holds a lone surrogate, or null.
 * Walked with an explicit stack: a deeply nested body cannot overflow the call stack.
 */
export function findLoneSurrogate(data: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (hasLoneSurrogate(k)) return [...path, k];
        stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return null;
}

/**
 * The zod validator of every route, preceded by one check that holds for all text of every route
 * (body, query, params, headers), whatever its schema: no lone surrogate anywhere, named by its path.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data) => {
    const at = findLoneSurrogate(data);
    if (at)
      return {
        error: [
          {
            keyword: 'custom',
            instancePath: '/' + at.join('/'),
            schemaPath: '#',
            message: 'TEXT_ENCODING',
            params: {},
          },
        ] as never,
      };
    return validate(data);
  };
};

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

export const idParams = z.strictObject({ id: uuid });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf(q: { page: number; pageSize: number }) {
  return { offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
}

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string(), reason: z.string() })).optional(),
  }),
});

export const version = z.number().int().min(1).max(2_147_483_647);
