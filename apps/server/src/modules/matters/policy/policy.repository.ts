import type { MatterTier } from '@xinhuo/shared';
import type { Tx } from '../../../database';
import { bumpMatters } from '../matters.repository';
import type { MatterCategoriesTable } from '../matters.tables';

export async function upsertCategory(db: Tx, row: MatterCategoriesTable): Promise<void> {
  const { code: _c, ...rest } = row;
  await db
    .insertInto('matter_categories')
    .values(row)
    .onConflict((oc) => oc.column('code').doUpdateSet(rest))
    .execute();
  await bumpMatters(db); // the board lists matters with their category's name
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
