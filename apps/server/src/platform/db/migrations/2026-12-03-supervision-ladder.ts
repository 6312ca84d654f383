import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: each open unit part remembers which steps of the supervision ladder it has reached
 * for its current deadline (bits: 1 due soon, 2 催办, 4 督办, 8 通报), and the partial index of open
 * parts carries it, so a sweep finds the parts still owed a step without probing the supervision
 * records of every overdue part (the backlog). Filled from the records already written.
 */
export const supervisionLadder: Migration = {
  name: '2026-12-03-supervision-ladder',
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('matter_assignments')
      .addColumn('ladder_mask', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`
      update matter_assignments set ladder_mask = coalesce((
        select sum(case s.kind when 'due_soon' then 1 when 'urge' then 2 when 'supervise' then 4
                               when 'circulate' then 8 else 0 end)
        from matter_supervisions s
        where s.assignment_id = matter_assignments.id and s.due_date = matter_assignments.due_date
      ), 0)
      where is_open = 1`.execute(db);
    await db.schema.dropIndex('matter_assignments_open_idx').execute();
    await db.schema
      .createIndex('matter_assignments_open_idx')
      .on('matter_assignments')
      .columns(['due_date', 'ladder_mask', 'status', 'id', 'org_path', 'unit_path'])
      .where(sql.ref('is_open'), '=', 1)
      .execute();
  },
};
