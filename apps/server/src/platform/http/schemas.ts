import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { hasLoneSurrogate } from '@xinhuo/shared';
import type { z } from 'zod';

/**
 * The path of the first string (key or value) in parsed input that holds a lone surrogate, or null.
 * Walked with an explicit stack: a deeply nested body cannot overflow the call stack.
 */
function findLoneSurrogate(data: unknown): (string | number)[] | null {
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

/** Server-side paging: the offset window of a validated page query. */
export function pageOf(q: { page: number; pageSize: number }) {
  return { offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
}
