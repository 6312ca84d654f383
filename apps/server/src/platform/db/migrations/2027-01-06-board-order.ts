import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The matter board's default order (newest raised first) as an index (issue 13, the national run): a
 * wide scope's first page reads its 20 rows from the end of this index instead of sorting every matter
 * in scope (on 2.7 million matters: seconds → milliseconds). A narrow scope still reads its own matters
 * through matters_path_raised_idx; the planner picks by the scope's size.
 */
export const boardOrder: Migration = {
  name: '2027-01-06-board-order',
  async up(db: Kysely<any>) {
    await db.schema.createIndex('matters_raised_at_idx').on('matters').columns(['raised_at', 'id']).execute();
  },
};
