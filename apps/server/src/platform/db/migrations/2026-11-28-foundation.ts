import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/** Frozen in time: the foundation schema (orgs, people, terms, positions, accounts, sessions, audit). */
export const foundation: Migration = {
  name: '2026-11-28-foundation',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    // Byte-order collation on PostgreSQL so materialized-path range scans use the index.
    const pathCol = (c: any) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());

    await db.schema
      .createTable('orgs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('parent_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sub_kind', 'text', (c) => c.notNull())
      .addColumn('party_org_type', 'text')
      .addColumn('code', 'text')
      .addColumn('path', 'text', pathCol)
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('orgs_path_uq').on('orgs').column('path').unique().execute();
    await db.schema.createIndex('orgs_parent_idx').on('orgs').columns(['parent_id', 'sort_order']).execute();
    await db.schema.createIndex('orgs_kind_path_idx').on('orgs').columns(['kind', 'path']).execute();

    await db.schema
      .createTable('org_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('org_history_org_idx').on('org_history').columns(['org_id', 'at']).execute();

    await db.schema
      .createTable('persons')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_search', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull())
      .addColumn('ethnicity', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('id_number_enc', 'text', (c) => c.notNull())
      .addColumn('id_number_bidx', 'text', (c) => c.notNull())
      .addColumn('id_number_masked', 'text', (c) => c.notNull())
      .addColumn('phone_enc', 'text')
      .addColumn('phone_bidx', 'text')
      .addColumn('phone_masked', 'text')
      .addColumn('full_time_education', 'text')
      .addColumn('in_service_education', 'text')
      .addColumn('highest_education', 'text')
      .addColumn('is_college', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('degree', 'text')
      .addColumn('major', 'text')
      .addColumn('political_status', 'text', (c) => c.notNull())
      .addColumn('party_join_date', 'text')
      .addColumn('work_start_date', 'text')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('row_mac', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('persons_idno_uq').on('persons').column('id_number_bidx').unique().execute();
    await db.schema
      .createIndex('persons_path_name_idx')
      .on('persons')
      .columns(['org_path', 'name'])
      .execute();
    await db.schema
      .createIndex('persons_path_birth_idx')
      .on('persons')
      .columns(['org_path', 'birth_date'])
      .execute();

    await db.schema
      .createTable('elections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('scope_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('election_date', 'text', (c) => c.notNull())
      .addColumn('term_years', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('terms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('election_id', 'text', (c) => c.references('elections.id'))
      .addColumn('committee', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('election_date', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('terms_org_idx').on('terms').columns(['org_id', 'start_date']).execute();

    await db.schema
      .createTable('positions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('term_id', 'text', (c) => c.references('terms.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('positions_person_idx')
      .on('positions')
      .columns(['person_id', 'start_date'])
      .execute();
    await db.schema
      .createIndex('positions_path_role_idx')
      .on('positions')
      .columns(['org_path', 'role', 'start_date'])
      .execute();
    await db.schema
      .createIndex('positions_term_role_uq')
      .on('positions')
      .columns(['term_id', 'person_id', 'role'])
      .unique()
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_norm', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('password_history', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_failed_at', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await db.schema
      .createTable('user_roles')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
      .execute();

    await db.schema
      .createTable('user_scopes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addPrimaryKeyConstraint('user_scopes_pk', ['user_id', 'org_id'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('ts', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('ip', 'text')
      .addColumn('request_id', 'text')
      .addColumn('session_hash', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text')
      .addColumn('object_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('row_hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_ts_idx').on('audit_log').column('ts').execute();
    await db.schema.createIndex('audit_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
    await db.schema.createIndex('audit_action_idx').on('audit_log').columns(['action', 'seq']).execute();

    const adminRoles = `('sys_admin','sec_admin','audit_admin')`;
    if (pg) {
      await sql
        .raw(
          `create function audit_log_immutable() returns trigger language plpgsql as $$
           begin raise exception 'audit_log is append-only'; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_immutable()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_immutable()`,
        )
        .execute(db);
      await sql
        .raw(
          `create function user_roles_separation() returns trigger language plpgsql as $$
           begin
             if new.role in ${adminRoles} and exists (select 1 from user_roles where user_id = new.user_id and role in ${adminRoles} and role <> new.role) then
               raise exception 'ACCOUNT_ROLE_CONFLICT';
             end if;
             return new;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger user_roles_separation before insert or update on user_roles for each row execute function user_roles_separation()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger user_roles_separation before insert on user_roles
           when new.role in ${adminRoles} and exists (select 1 from user_roles where user_id = new.user_id and role in ${adminRoles} and role <> new.role)
           begin select raise(abort, 'ACCOUNT_ROLE_CONFLICT'); end`,
        )
        .execute(db);
    }
  },
};
