import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: the audit trail's head (last seq and row hash, HMAC-signed by the server) in a
 * table of one row that the trail's own rows cannot rewrite, so deleting the tail of audit_log, or
 * all of it, no longer verifies as intact. The head only moves forward: deleting it, truncating it
 * or moving it back is refused by triggers, like UPDATE/DELETE on audit_log. It starts at the
 * current end of the trail with an empty signature, which the server signs at its next start
 * (migrations do not hold the key).
 */
export const auditAnchor: Migration = {
  name: '2026-12-06-audit-anchor',
  async up(db: Kysely<any>, dialect) {
    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('row_hash', 'text', (c) => c.notNull())
      .addColumn('mac', 'text', (c) => c.notNull())
      .execute();
    await sql`
      insert into audit_head (id, seq, row_hash, mac)
      select 1, coalesce(max(seq), 0),
             coalesce((select row_hash from audit_log where seq = (select max(seq) from audit_log)), ${'0'.repeat(64)}),
             ''
      from audit_log`.execute(db);
    if (dialect === 'postgres') {
      await sql
        .raw(
          `create function audit_head_forward_only() returns trigger language plpgsql as $$
           begin
             if tg_op <> 'UPDATE' then raise exception 'audit_head only moves forward'; end if;
             if new.id <> old.id or new.seq < old.seq or (new.seq = old.seq and old.mac <> '') then
               raise exception 'audit_head only moves forward';
             end if;
             return new;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger audit_head_forward_only before update or delete on audit_head for each row execute function audit_head_forward_only()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger audit_head_no_truncate before truncate on audit_head for each statement execute function audit_head_forward_only()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create trigger audit_head_no_delete before delete on audit_head begin select raise(abort, 'audit_head only moves forward'); end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger audit_head_forward_only before update on audit_head
           when new.id <> old.id or new.seq < old.seq or (new.seq = old.seq and old.mac <> '')
           begin select raise(abort, 'audit_head only moves forward'); end`,
        )
        .execute(db);
    }
  },
};
