import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, terms and seats kept in the web):
 * - `positions.end_reason`: why a seat ended (辞职, 免职, 调离, 退休, 死亡, 届满, 其他);
 * - `terms.ended_on`: set when a term is ended (its open seats end that day); `terms.version`: bumped
 *   by every seat change of the term, so concurrent edits of one term queue on its row;
 * - `seat_adjustments`: each mid-term adjustment (届中调整) with its filing record (备案).
 */
export const seatChanges: Migration = {
  name: '2026-12-08-seat-changes',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    const pathCol = (c: any) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());

    await db.schema.alterTable('positions').addColumn('end_reason', 'text').execute();
    await db.schema.alterTable('terms').addColumn('ended_on', 'text').execute();
    await db.schema
      .alterTable('terms')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('positions_org_role_idx')
      .on('positions')
      .columns(['org_id', 'role', 'start_date'])
      .execute();

    await db.schema
      .createTable('seat_adjustments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('ended_position_id', 'text', (c) => c.notNull().references('positions.id'))
      .addColumn('successor_position_id', 'text', (c) => c.notNull().references('positions.id'))
      .addColumn('adjustment_date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('filing_number', 'text', (c) => c.notNull())
      .addColumn('filing_date', 'text', (c) => c.notNull())
      .addColumn('approving_body', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('seat_adjustments_term_idx')
      .on('seat_adjustments')
      .columns(['term_id', 'adjustment_date'])
      .execute();
  },
};
