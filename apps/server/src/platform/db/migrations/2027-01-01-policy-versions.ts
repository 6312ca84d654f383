import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 item 5, policy with effective dates): `policy_versions`, one immutable row per
 * version of a policy kind (kind, version, effective_from, body JSON, created_by/at), read by the index
 * (kind, effective_from, version); triggers refuse every update and delete. The loop's policy (priority tiers
 * and thresholds, `matter_loop`) gets its version 1 from the tables it lived in, effective from the start;
 * every matter gets `policy_version`, the version it was raised under (1 for those raised before).
 */
export const policyVersions: Migration = {
  name: '2027-01-01-policy-versions',
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('policy_versions')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_versions_pk', ['kind', 'version'])
      .execute();
    await db.schema
      .createIndex('policy_versions_in_force_idx')
      .on('policy_versions')
      .columns(['kind', 'effective_from', 'version'])
      .execute();
    if (dialect === 'postgres') {
      await sql
        .raw(
          `create function policy_versions_immutable() returns trigger language plpgsql as $$
           begin raise exception 'policy_versions are immutable'; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger policy_versions_no_change before update or delete on policy_versions for each row execute function policy_versions_immutable()`,
        )
        .execute(db);
    } else {
      for (const op of ['update', 'delete'])
        await sql
          .raw(
            `create trigger policy_versions_no_${op} before ${op} on policy_versions
             begin select raise(abort, 'policy_versions are immutable'); end`,
          )
          .execute(db);
    }

    const tiers = await db
      .selectFrom('matter_priorities')
      .select(['code', 'name_zh', 'name_en', 'handle_workdays', 'is_active'])
      .orderBy('sort_order')
      .execute();
    const settings = await db.selectFrom('matter_settings').select(['key', 'value']).execute();
    const value = new Map(settings.map((s: { key: string; value: string }) => [s.key, s.value]));
    const num = (k: string, d: number) => (value.has(k) ? Number(value.get(k)) : d);
    const body = {
      tiers: tiers.map((t: any) => ({
        code: t.code,
        nameZh: t.name_zh,
        nameEn: t.name_en,
        handleWorkdays: Number(t.handle_workdays),
        isActive: Number(t.is_active) === 1,
      })),
      thresholds: {
        sign_for_workdays: num('sign_for_workdays', 1),
        due_soon_workdays: num('due_soon_workdays', 2),
        urge_overdue_workdays: num('urge_overdue_workdays', 1),
        supervise_overdue_workdays: num('supervise_overdue_workdays', 3),
        circulate_overdue_workdays: num('circulate_overdue_workdays', 5),
        feedback_workdays: num('feedback_workdays', 5),
        assign_doc_prefix: value.get('assign_doc_prefix') ?? '张组交',
        supervise_doc_prefix: value.get('supervise_doc_prefix') ?? '张组督',
      },
    };
    await db
      .insertInto('policy_versions')
      .values({
        kind: 'matter_loop',
        version: 1,
        effective_from: '2000-01-01',
        body: JSON.stringify(body),
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();

    await db.schema
      .alterTable('matters')
      .addColumn('policy_version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
