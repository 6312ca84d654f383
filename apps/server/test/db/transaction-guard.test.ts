import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { connectDatabase, type DatabaseHandle } from '../../src/platform/db/connect';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';
import { createTestEnv, freshDatabaseUrl, type TestEnv } from '../helpers/test-env';

// The caller owns the transaction: inside it, everything goes through its trx. Without the guard,
// the mistakes below wait forever on SQLite's connection lock; with it they fail at once.
const isNested = (e: unknown) => (e as { code?: string }).code === 'NESTED_TRANSACTION';

/** The one scratch table these tests write. */
interface ScratchDb {
  t: { n: number };
}

describe('transaction guard', () => {
  let h: DatabaseHandle<ScratchDb>;
  before(async () => {
    h = connectDatabase<ScratchDb>({
      databaseUrl: await freshDatabaseUrl(),
      sqliteFile: ':memory:',
      guardNestedTransactions: true,
    });
    await h.db.schema.createTable('t').addColumn('n', 'integer').execute();
  });
  after(() => h.close());

  test('a transaction opened inside another of the same context throws NESTED_TRANSACTION and the outer rolls back', async () => {
    await assert.rejects(
      h.db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ n: 1 }).execute();
        await h.db.transaction().execute((inner) => inner.insertInto('t').values({ n: 2 }).execute());
      }),
      isNested,
    );
    const rows = await h.db.selectFrom('t').selectAll().execute();
    assert.deepEqual(rows, []);
  });

  test('a query on db instead of trx inside a transaction throws too', async () => {
    await assert.rejects(
      h.db.transaction().execute(async () => {
        await h.db.selectFrom('t').selectAll().execute();
      }),
      isNested,
    );
  });

  test('the trx passed down, transactions one after another and side by side all work', async () => {
    const insert = (trx: typeof h.db, n: number) => trx.insertInto('t').values({ n }).execute();
    await h.db.transaction().execute((trx) => insert(trx, 1));
    await h.db.transaction().execute((trx) => insert(trx, 2));
    await Promise.all([3, 4].map((n) => h.db.transaction().execute((trx) => insert(trx, n))));
    await h.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute((trx) => insert(trx, 5));
    const { c } = await h.db
      .selectFrom('t')
      .select(sql<number>`count(*)`.as('c'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(c), 5);
  });

  test('work a transaction leaves behind may use db once it has ended', async () => {
    let later!: Promise<unknown>;
    await h.db.transaction().execute(async () => {
      later = new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
        h.db.selectFrom('t').selectAll().execute(),
      );
    });
    await later;
  });
});

describe('transaction guard in the composed services', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('a service opening its own transaction inside its caller’s fails fast', async () => {
    const { db, audit } = env.services;
    const started = Date.now();
    await assert.rejects(
      db
        .transaction()
        .execute(() =>
          audit.recordAlone(SYSTEM_ACTOR, { action: 'guard_probe', objectType: 'test', objectId: 'x' }),
        ),
      isNested,
    );
    assert.ok(Date.now() - started < 2000, 'refused at once, not after a lock wait');
  });
});
