import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 item 5): the loop's matter categories become a policy kind with effective dates,
 * `matter_categories` in `policy_versions`, whose body is the whole category list (code, names, default
 * unit, active) in the raise form's order. Version 1 is today's categories, in force from the start.
 * `matter_categories` stays as the register of codes matters refer to (a new code gets its row there).
 */
export const categoryVersions: Migration = {
  name: '2027-01-08b-category-versions',
  async up(db: Kysely<any>) {
    const rows = await db
      .selectFrom('matter_categories')
      .select(['code', 'name_zh', 'name_en', 'default_unit_id', 'is_active'])
      .orderBy('sort_order')
      .orderBy('code')
      .execute();
    const body = {
      categories: rows.map((c: any) => ({
        code: c.code,
        nameZh: c.name_zh,
        nameEn: c.name_en,
        defaultUnitId: c.default_unit_id ?? null,
        isActive: Number(c.is_active) === 1,
      })),
    };
    await db
      .insertInto('policy_versions')
      .values({
        kind: 'matter_categories',
        version: 1,
        effective_from: '2000-01-01',
        body: JSON.stringify(body),
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  },
};
