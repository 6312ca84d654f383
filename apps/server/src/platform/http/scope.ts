import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/** The half-open range [path, path-with-last-'/'-as-'0') holds exactly the subtree: an index range scan. */
export function subtreeBounds(path: string): [string, string] {
  return [path, path.slice(0, -1) + '0'];
}

export function isWithin(path: string, scopePaths: readonly string[]): boolean {
  return scopePaths.some((p) => path.startsWith(p));
}

/**
 * SQL condition: `column` lies in one of the subtrees. Deny by default: no scope → no rows.
 * Every query of a scoped resource goes through this.
 */
export function inSubtrees<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  paths: readonly string[],
): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  const ref = sql.ref(column);
  return eb.or(
    paths.map((p) => {
      const [lo, hi] = subtreeBounds(p);
      return sql<SqlBool>`(${ref} >= ${lo} and ${ref} < ${hi})`;
    }),
  );
}

/** Every proper ancestor path of the scope paths: a record owned there is visible below it (a city program to its towns). */
export function ancestorPaths(scopePaths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of scopePaths) {
    const ids = p.split('/').filter(Boolean);
    for (let i = 1; i < ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}
