import type { Tx } from '../../../database';
import { bumpMatters } from '../matters.repository';
import type { MatterCategoriesTable, MatterPrioritiesTable } from '../matters.tables';

export async function updateSetting(db: Tx, key: string, value: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('matter_settings')
    .set({ value, updated_at: at })
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function upsertCategory(db: Tx, row: MatterCategoriesTable): Promise<void> {
  const { code: _c, ...rest } = row;
  await db
    .insertInto('matter_categories')
    .values(row)
    .onConflict((oc) => oc.column('code').doUpdateSet(rest))
    .execute();
  await bumpMatters(db); // the board lists matters with their category's name
}

export async function upsertPriority(db: Tx, row: MatterPrioritiesTable): Promise<void> {
  const { code: _c, ...rest } = row;
  await db
    .insertInto('matter_priorities')
    .values(row)
    .onConflict((oc) => oc.column('code').doUpdateSet(rest))
    .execute();
}
