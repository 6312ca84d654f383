import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PlatformDatabase } from '../../src/platform/platform-db';

/**
 * Run tampering SQL on the audit tables with their append-only triggers out of the way, as a superuser
 * or the SQLite file's owner can (PostgreSQL: disabled and enabled again; SQLite: dropped).
 */
export async function tamperAuditTables(
  db: Kysely<PlatformDatabase>,
  dialect: 'sqlite' | 'postgres',
  ...statements: RawBuilder<unknown>[]
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
    await sql`alter table audit_head disable trigger user`.execute(db);
    for (const s of statements) await s.execute(db);
    await sql`alter table audit_log enable trigger user`.execute(db);
    await sql`alter table audit_head enable trigger user`.execute(db);
  } else {
    for (const t of [
      'audit_log_no_update',
      'audit_log_no_delete',
      'audit_head_no_delete',
      'audit_head_forward_only',
    ])
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
    for (const s of statements) await s.execute(db);
  }
}
