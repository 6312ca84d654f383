/** Applied migrations, by name. */
export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

/** A counter per cached data set, bumped in the writing transaction so caches know they are stale. */
export interface DataVersionsTable {
  name: string;
  version: number;
}
