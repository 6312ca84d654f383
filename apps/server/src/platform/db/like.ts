import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `%`, `_` and `\` typed by a user match themselves, not any text. */
export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, (m) => '\\' + m);
}

/**
 * SQL condition: `column` contains `text` literally (`prefix` may put a fixed start before it, e.g. the
 * space that begins each search key). The only place LIKE is written: neither SQLite nor PostgreSQL
 * has a default escape character that both honour, so the ESCAPE clause must always be given.
 */
export function likeContains(column: string, text: string, prefix = ''): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${'%' + prefix + escapeLike(text) + '%'} escape '\\'`;
}

/** SQL condition: `column` starts with `text` literally. */
export function likeStartsWith(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${escapeLike(text) + '%'} escape '\\'`;
}
