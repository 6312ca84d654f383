import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Issue 10 (items 2 and 3): the security policy as settings (one row; absent = the built-in defaults),
 * the TOTP second factor (secret encrypted, recovery codes hashed, the last step used against replay),
 * the login's code step (a short-lived challenge, stored by hash) and denial-burst alerts.
 */
export const securityPolicy: Migration = {
  name: '2026-12-22-security-policy',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('security_policy')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema
      .createTable('user_totp')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('secret_enc', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text')
      .addColumn('last_step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('recovery_hashes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('login_challenges')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('security_alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('security_alerts_created_idx')
      .on('security_alerts')
      .columns(['created_at', 'id'])
      .execute();
  },
};
