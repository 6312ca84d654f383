import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: idempotent writes (issue 10 item 6). One row per account, request (method and URL)
 * and `Idempotency-Key`: the SHA-256 of the body it came with, `pending` while the first request runs,
 * then the answer's status, content type and body (sealed: an answer may carry an activation code),
 * kept 24 hours.
 */
export const adminConsole: Migration = {
  name: '2026-12-23-admin-console',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('idem_key', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('content_type', 'text')
      .addColumn('response', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'route', 'idem_key'])
      .execute();
    await db.schema
      .createIndex('idempotency_keys_expiry_idx')
      .on('idempotency_keys')
      .columns(['user_id', 'expires_at'])
      .execute();
  },
};
