import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

const ADMIN_ROLES = `('sys_admin','sec_admin','audit_admin')`;

/**
 * Frozen in time: 三员分立 for accounts (issue 7, items 1–3).
 * - account_grants: role/scope/disable requests that take effect only when a second party decides them.
 * - account_activations: one-time activation codes (hash only) of accounts that have no password yet.
 * - user_roles: a separated administrator role beside ANY other role is refused in either insertion
 *   order (the foundation trigger only refused two administrator roles); separated administrators hold
 *   no org scope (user_roles and user_scopes both checked).
 */
export const accountGrants: Migration = {
  name: '2026-12-04-account-grants',
  async up(db: Kysely<any>, dialect) {
    await db.schema
      .createTable('account_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_norm', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('org_ids', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('requester_permission', 'text', (c) => c.notNull())
      .addColumn('approver_permission', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('reason', 'text')
      .addColumn('activation_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('account_grants_status_idx')
      .on('account_grants')
      .columns(['status', 'approver_permission', 'created_at'])
      .execute();
    await db.schema.createIndex('account_grants_user_idx').on('account_grants').column('user_id').execute();
    // One pending request per account (or new username): two requests cannot race each other.
    await db.schema
      .createIndex('account_grants_pending_uq')
      .on('account_grants')
      .column('username_norm')
      .unique()
      .where(sql.ref('status'), '=', 'pending')
      .execute();

    await db.schema
      .createTable('account_activations')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('grant_id', 'text', (c) => c.notNull().references('account_grants.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    if (dialect === 'postgres') {
      // The trigger user_roles_separation (before insert or update) already calls this function.
      // Locking the account's row serializes concurrent role changes of one account, so two
      // transactions cannot each insert one half of a forbidden pair.
      await sql
        .raw(
          `create or replace function user_roles_separation() returns trigger language plpgsql as $$
           begin
             perform 1 from users where id = new.user_id for update;
             if exists (
               select 1 from user_roles r
               where r.user_id = new.user_id and r.role <> new.role
                 and (tg_op = 'INSERT' or not (r.user_id = old.user_id and r.role = old.role))
                 and (new.role in ${ADMIN_ROLES} or r.role in ${ADMIN_ROLES})
             ) then
               raise exception 'ACCOUNT_ROLE_CONFLICT';
             end if;
             if new.role in ${ADMIN_ROLES} and exists (select 1 from user_scopes s where s.user_id = new.user_id) then
               raise exception 'ACCOUNT_ADMIN_SCOPE';
             end if;
             return new;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create function user_scopes_admin() returns trigger language plpgsql as $$
           begin
             perform 1 from users where id = new.user_id for update;
             if exists (select 1 from user_roles r where r.user_id = new.user_id and r.role in ${ADMIN_ROLES}) then
               raise exception 'ACCOUNT_ADMIN_SCOPE';
             end if;
             return new;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger user_scopes_admin before insert or update on user_scopes for each row execute function user_scopes_admin()`,
        )
        .execute(db);
      return;
    }
    // SQLite has a single writer, so the checks below cannot interleave.
    await sql.raw(`drop trigger user_roles_separation`).execute(db);
    await sql
      .raw(
        `create trigger user_roles_separation before insert on user_roles
         when exists (
           select 1 from user_roles r
           where r.user_id = new.user_id and r.role <> new.role
             and (new.role in ${ADMIN_ROLES} or r.role in ${ADMIN_ROLES}))
         begin select raise(abort, 'ACCOUNT_ROLE_CONFLICT'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger user_roles_separation_update before update on user_roles
         when exists (
           select 1 from user_roles r
           where r.user_id = new.user_id and r.role <> new.role
             and not (r.user_id = old.user_id and r.role = old.role)
             and (new.role in ${ADMIN_ROLES} or r.role in ${ADMIN_ROLES}))
         begin select raise(abort, 'ACCOUNT_ROLE_CONFLICT'); end`,
      )
      .execute(db);
    for (const event of ['insert', 'update']) {
      await sql
        .raw(
          `create trigger user_roles_admin_scope_${event} before ${event} on user_roles
           when new.role in ${ADMIN_ROLES} and exists (select 1 from user_scopes s where s.user_id = new.user_id)
           begin select raise(abort, 'ACCOUNT_ADMIN_SCOPE'); end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger user_scopes_admin_${event} before ${event} on user_scopes
           when exists (select 1 from user_roles r where r.user_id = new.user_id and r.role in ${ADMIN_ROLES})
           begin select raise(abort, 'ACCOUNT_ADMIN_SCOPE'); end`,
        )
        .execute(db);
    }
  },
};
