import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/database';
import { connectDatabase } from '../../src/platform/db/connect';
import { migrateToLatest, migrationsCurrent, type Migration } from '../../src/platform/db/migrate';
import { MIGRATIONS } from '../../src/platform/db/migrations';
import { freshDatabaseUrl } from '../helpers/test-env';

async function freshHandle() {
  return connectDatabase<Database>({ databaseUrl: await freshDatabaseUrl(), sqliteFile: ':memory:' });
}

async function tableExists(db: Kysely<Database>, name: string) {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === name);
}

describe('migrations', () => {
  test('a migration that fails half-way leaves no part of the schema behind', async () => {
    const h = await freshHandle();
    const broken: Migration = {
      name: '2099-01-01-broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'text').execute();
        await sql`select * from table_that_does_not_exist`.execute(db);
      },
    };
    await assert.rejects(migrateToLatest(h.db, h.dialect, [...MIGRATIONS, broken]));
    assert.equal(await tableExists(h.db, 'half_done'), false);
    assert.equal(await tableExists(h.db, 'persons'), false, 'the earlier pending migrations rolled back too');
    await migrateToLatest(h.db, h.dialect);
    assert.equal(await tableExists(h.db, 'persons'), true);
    assert.equal(await migrationsCurrent(h.db), true);
    assert.deepEqual(await migrateToLatest(h.db, h.dialect), [], 'a second run applies nothing');
    await h.close();
  });
});
