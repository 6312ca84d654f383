import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 item 10, master-key rotation): `key_state`, one row (id = 1) naming the key id
 * new values are sealed under (`k1` until the first `rotate-key`), a check value of that master key (an
 * HMAC of a fixed text; empty until the first start that holds the key fills it) and the rotation in
 * progress (JSON; null when none): the server refuses to start while it is set.
 */
export const keyState: Migration = {
  name: '2027-01-04-key-state',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('key_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('key_check', 'text', (c) => c.notNull())
      .addColumn('rotation', 'text')
      .execute();
    await db.insertInto('key_state').values({ id: 1, key_id: 'k1', key_check: '', rotation: null }).execute();
  },
};
