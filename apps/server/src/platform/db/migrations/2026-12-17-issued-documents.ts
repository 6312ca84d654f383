import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: the list of issued documents (公文) reads the numbered ones newest first — the
 * dispatched matters by dispatch time, the numbered supervision steps by the day they were issued —
 * so its first page is an index walk, not a sort of every matter.
 */
export const issuedDocuments: Migration = {
  name: '2026-12-17-issued-documents',
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('matters_dispatched_idx')
      .on('matters')
      .columns(['dispatched_at', 'id'])
      .where(sql.ref('dispatch_no'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('matter_supervisions_doc_idx')
      .on('matter_supervisions')
      .columns(['triggered_on', 'id'])
      .where(sql.ref('doc_no'), 'is not', null)
      .execute();
  },
};
