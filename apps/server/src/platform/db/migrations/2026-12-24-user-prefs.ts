import { sql, type Kysely } from 'kysely';
import { fullPinyin, nameInitials } from '@xinhuo/shared';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 12, state that stays and the header search):
 * - `user_prefs`: small per-user settings (the last filters of each list), one row per user and key;
 * - `persons.name_initials` / `persons.name_pinyin`: the pinyin keys the header search reads by prefix
 *   (ltt, lutingting), each with an index that also carries the org path, filled here for every person
 *   and written with the name on every write path; byte order ("C") on PostgreSQL like the paths;
 * - exact-number indexes for the documents (`matters.dispatch_no`, `matter_supervisions.doc_no`) and the
 *   audit trail's object filter (`audit_log.object_type, object_id`).
 */
export const userPrefs: Migration = {
  name: '2026-12-24-user-prefs',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    await db.schema
      .createTable('user_prefs')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_prefs_pk', ['user_id', 'key'])
      .execute();
    for (const col of ['name_initials', 'name_pinyin'])
      await db.schema
        .alterTable('persons')
        .addColumn(col, 'text', (c) =>
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
          .set({ name_initials: nameInitials(r.name), name_pinyin: fullPinyin(r.name) })
          .where('id', '=', r.id)
          .execute();
      after = rows[rows.length - 1]!.id;
    }
    await db.schema
      .createIndex('persons_name_initials_idx')
      .on('persons')
      .columns(['name_initials', 'org_path'])
      .execute();
    await db.schema
      .createIndex('persons_name_pinyin_idx')
      .on('persons')
      .columns(['name_pinyin', 'org_path'])
      .execute();
    await db.schema.createIndex('persons_name_idx').on('persons').columns(['name', 'org_path']).execute();
    await db.schema.createIndex('matters_dispatch_no_idx').on('matters').column('dispatch_no').execute();
    await db.schema
      .createIndex('matter_supervisions_doc_no_idx')
      .on('matter_supervisions')
      .column('doc_no')
      .execute();
    await db.schema
      .createIndex('audit_object_idx')
      .on('audit_log')
      .columns(['object_type', 'object_id', 'seq'])
      .execute();
  },
};
