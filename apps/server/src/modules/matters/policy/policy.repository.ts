import type { MatterCategory, MatterTier } from '@xinhuo/shared';
import type { Tx } from '../../../database';

/**
 * The row a category code needs (matters reference matter_categories.code); its names, default unit and
 * active flag live in the categories policy versions. An existing row is left as it is.
 */
export async function insertCategoryIfMissing(db: Tx, c: MatterCategory, sortOrder: number): Promise<void> {
  await db
    .insertInto('matter_categories')
    .values({
      code: c.code,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      default_unit_id: c.defaultUnitId,
      sort_order: sortOrder,
      is_active: c.isActive ? 1 : 0,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/**
 * The row a tier code needs (matters reference matter_priorities.code). Its working days and active flag
 * live in the policy versions; an existing row is left as it is.
 */
export async function insertPriorityIfMissing(db: Tx, t: MatterTier, sortOrder: number): Promise<void> {
  await db
    .insertInto('matter_priorities')
    .values({
      code: t.code,
      name_zh: t.nameZh,
      name_en: t.nameEn,
      handle_workdays: t.handleWorkdays,
      sort_order: sortOrder,
      is_active: t.isActive ? 1 : 0,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
