import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The roster's search by name or pinyin (`name_search LIKE '% key%'`: the query is a prefix of one of a
 * name's keys) through a trigram index on PostgreSQL (issue 13, the national run: on 1,079,000 people
 * a rare name's count 2.0 s → 43 ms and its page 11.6 s → 63 ms, EXPLAIN ANALYZE on a loaded machine).
 * A LIKE with a leading wildcard cannot use a B-tree; pg_trgm's GIN index answers it for a query of three
 * or more characters (shorter ones scan as before). pg_trgm is a trusted extension (PostgreSQL 13+), which
 * the database's owner may create; where it is not installed or may not be created, the migration leaves
 * the search as it was rather than fail. SQLite: nothing (its search scans one city).
 */
export const nameSearchTrigrams: Migration = {
  name: '2027-01-06b-name-search-trigrams',
  async up(db: Kysely<any>, dialect) {
    if (dialect !== 'postgres') return;
    const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
    if (available.rows.length === 0) return;
    await sql`savepoint name_search_trigrams`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm`.execute(db);
    } catch {
      await sql`rollback to savepoint name_search_trigrams`.execute(db);
      return;
    }
    await sql`release savepoint name_search_trigrams`.execute(db);
    await sql`create index if not exists persons_name_search_trgm_idx on persons using gin (name_search gin_trgm_ops)`.execute(
      db,
    );
  },
};
