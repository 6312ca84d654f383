import { sql, type Kysely } from 'kysely';
import { nameSortKey } from '@xinhuo/shared';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 13, the roster read path): `persons.name_sort`, the pinyin sort key of the
 * name (nameSortKey), filled for every person here and written with the name on every write path;
 * byte-order ("C") on PostgreSQL like the paths, so both databases sort alike. The indexes are the
 * roster list's orders — by org (a town's people, village by village, by name) and by name — so a
 * page is read in index order instead of sorting the whole subtree.
 */
export const personNameSort: Migration = {
  name: '2026-12-14-person-name-sort',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    await db.schema
      .alterTable('persons')
      .addColumn('name_sort', 'text', (c) =>
        pg
          ? c
              .notNull()
              .defaultTo('')
              .modifyEnd(sql`collate "C"`)
          : c.notNull().defaultTo(''),
      )
      .execute();
    let after = '';
    for (;;) {
      const rows: { id: string; name: string }[] = await db
        .selectFrom('persons')
        .select(['id', 'name'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows)
        await db
          .updateTable('persons')
          .set({ name_sort: nameSortKey(r.name) })
          .where('id', '=', r.id)
          .execute();
      after = rows[rows.length - 1]!.id;
    }
    await db.schema
      .createIndex('persons_org_sort_idx')
      .on('persons')
      .columns(['org_path', 'name_sort', 'id'])
      .execute();
    await db.schema.createIndex('persons_name_sort_idx').on('persons').columns(['name_sort', 'id']).execute();
  },
};
