import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 item 8, the wall screen): `display_tokens`, the long-lived tokens that open the
 * wall on a meeting-room display — the SHA-256 of the token (unique), its org scope, who created it and
 * when, its last use and its revocation.
 */
export const display: Migration = {
  name: '2026-12-29-display',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('display_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .execute();
  },
};
