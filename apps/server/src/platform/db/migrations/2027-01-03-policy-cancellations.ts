import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 item 5): a scheduled policy version (待生效) can be withdrawn before its date.
 * policy_versions stay immutable, so the withdrawal is a row of its own in `policy_version_cancellations`
 * (kind, version, reason, who and when), itself immutable: a version once withdrawn stays withdrawn.
 */
export const policyCancellations: Migration = {
  name: '2027-01-03-policy-cancellations',
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('policy_version_cancellations')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('cancelled_by', 'text')
      .addColumn('cancelled_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_version_cancellations_pk', ['kind', 'version'])
      .addForeignKeyConstraint(
        'policy_version_cancellations_version_fk',
        ['kind', 'version'],
        'policy_versions',
        ['kind', 'version'],
      )
      .execute();
    if (dialect === 'postgres') {
      await sql
        .raw(
          `create trigger policy_version_cancellations_no_change before update or delete on policy_version_cancellations for each row execute function policy_versions_immutable()`,
        )
        .execute(db);
    } else {
      for (const op of ['update', 'delete'])
        await sql
          .raw(
            `create trigger policy_version_cancellations_no_${op} before ${op} on policy_version_cancellations
             begin select raise(abort, 'policy_versions are immutable'); end`,
          )
          .execute(db);
    }
  },
};
