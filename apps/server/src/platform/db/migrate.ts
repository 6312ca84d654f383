import { sql, type Kysely } from 'kysely';
import type { DialectName } from './connect';
import { MIGRATIONS } from './migrations';
import { platformView, type OnPlatform, type PlatformDatabase, type PlatformDb } from '../platform-db';

export interface Migration {
  name: string;
  // A migration is frozen in time: it types against the schema of its day, not today's tables.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

const LOCK_KEY = 7_412_001;

async function ensureMigrationTable(db: PlatformDb): Promise<void> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}

/**
 * Apply every pending migration in ONE transaction that holds the write lock, on both databases,
 * so a crash mid-migration leaves the previous schema intact and two instances never migrate at once.
 */
export async function migrateToLatest<DB extends PlatformDatabase>(
  handle: OnPlatform<DB>,
  dialect: DialectName,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  const db = platformView(handle);
  await ensureMigrationTable(db);
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    } else {
      // A write as the first statement turns SQLite's deferred transaction into a writer, taking the lock.
      await sql`insert into schema_migrations (name, applied_at) values ('__lock__', '') on conflict (name) do update set applied_at = ''`.execute(
        trx,
      );
    }
    const done = new Set(
      (await trx.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name as string),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await m.up(trx, dialect);
      await trx
        .insertInto('schema_migrations')
        .values({ name: m.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(m.name);
    }
    return applied;
  });
}

/** True when every known migration has been applied. */
export async function migrationsCurrent<DB extends PlatformDatabase>(db: OnPlatform<DB>): Promise<boolean> {
  const rows = await platformView(db).selectFrom('schema_migrations').select('name').execute();
  const done = new Set(rows.map((r) => r.name as string));
  return MIGRATIONS.every((m) => done.has(m.name));
}
