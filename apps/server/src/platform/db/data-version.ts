import { PostgresAdapter, sql } from 'kysely';
import { platformView, type OnPlatform, type PlatformDatabase } from '../platform-db';

/** The roster: persons, positions, terms, orgs. Keys the statistics and the roster list caches. */
export const ROSTER_DATA_VERSION = 'roster';

/**
 * The data set of who a session is: users (active, password), their roles and scopes, sessions
 * deleted, org paths (scopes are paths). Keys the session cache (modules/auth/sessions.service.ts).
 */
export const AUTH_DATA_VERSION = 'auth';

/**
 * The matter board's data set: matters, their units' parts and the categories they are listed with.
 * Keys the board's page cache (modules/matters/matters.service.ts).
 */
export const MATTERS_DATA_VERSION = 'matters';

/**
 * The pipeline's derived figures (dashboard, succession seats and heat map, a seat's ranking, the training
 * hours report): bumped by triggers on every table they read (migration 2027-01-09-pipeline-data-version),
 * so no write path can be missed. Keys their caches (modules/pipeline/pipeline-figures.ts).
 */
export const PIPELINE_DATA_VERSION = 'pipeline';

/**
 * The PostgreSQL advisory lock that orders writers: the audit trail's appender takes it before reading the
 * last row (platform/audit/audit.ts), and a data-version bump before locking its counter row. So a counter
 * row is only ever locked by the one transaction holding this lock, whatever order a transaction audits
 * and bumps in: no deadlock between the trail and the counters. Writes are audited, so they queue on this
 * lock in any case.
 */
export const WRITER_LOCK = 7_412_002;

/** Transactions that hold the writers' lock already (it is held to their end): one round trip each. */
const holdingWriterLock = new WeakSet<object>();

/** Take the writers' lock until the end of the transaction (PostgreSQL; SQLite has one writer). */
export async function takeWriterLock<DB extends PlatformDatabase>(trx: OnPlatform<DB>): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter) || holdingWriterLock.has(trx)) return;
  await sql`select pg_advisory_xact_lock(${WRITER_LOCK})`.execute(trx);
  if (trx.isTransaction) holdingWriterLock.add(trx);
}

/**
 * A counter per data set, bumped in the same transaction as every write to it. Caches of derived figures
 * key on it, so every app instance sharing the database sees a write at once (no stale statistics).
 */
export async function bumpDataVersion<DB extends PlatformDatabase>(
  trx: OnPlatform<DB>,
  name: string,
): Promise<void> {
  await takeWriterLock(trx);
  await platformView(trx)
    .updateTable('data_versions')
    .set({ version: sql`version + 1` })
    .where('name', '=', name)
    .execute();
}

/** Every counter in one statement (a handful of rows), by name. */
export async function readAllDataVersions<DB extends PlatformDatabase>(
  db: OnPlatform<DB>,
): Promise<Record<string, number>> {
  const rows = await platformView(db).selectFrom('data_versions').select(['name', 'version']).execute();
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.version)]));
}

/**
 * The version of a data set for a caller's request: the one read with its session at the start of a
 * reading request (no statement of its own), else read now. A request's answer is then at least as new
 * as the moment it started, which is what reading it a moment later gave.
 */
export function versionFor<DB extends PlatformDatabase>(
  db: OnPlatform<DB>,
  name: string,
  caller?: { dataVersions?: Readonly<Record<string, number>> },
): Promise<number> {
  const kept = caller?.dataVersions?.[name];
  return kept !== undefined ? Promise.resolve(kept) : readDataVersion(db, name);
}

/** Several versions for a caller's request (`versionFor`), in the order asked: kept, else one statement. */
export function versionsFor<DB extends PlatformDatabase>(
  db: OnPlatform<DB>,
  names: readonly string[],
  caller?: { dataVersions?: Readonly<Record<string, number>> },
): Promise<number[]> {
  const kept = names.map((n) => caller?.dataVersions?.[n]);
  return kept.every((v) => v !== undefined) ? Promise.resolve(kept as number[]) : readDataVersions(db, names);
}

/** Several counters in one statement (a missing one reads 0), in the order asked. */
export async function readDataVersions<DB extends PlatformDatabase>(
  db: OnPlatform<DB>,
  names: readonly string[],
): Promise<number[]> {
  const rows = await platformView(db)
    .selectFrom('data_versions')
    .select(['name', 'version'])
    .where('name', 'in', names)
    .execute();
  const byName = new Map(rows.map((r) => [r.name, Number(r.version)]));
  return names.map((n) => byName.get(n) ?? 0);
}

export async function readDataVersion<DB extends PlatformDatabase>(
  db: OnPlatform<DB>,
  name: string,
): Promise<number> {
  const r = await platformView(db)
    .selectFrom('data_versions')
    .select('version')
    .where('name', '=', name)
    .executeTakeFirst();
  return r ? Number(r.version) : 0;
}

/**
 * A small LRU map for derived figures keyed with a data version, with shared first computation
 * (single flight): concurrent requests for a key that is not kept yet wait for the one computation in
 * flight instead of each running it, so a burst after a write costs one computation. A failed
 * computation is not kept; every caller waiting on it gets its error, and the next request tries again.
 */
export function createLruCache<V>(max: number) {
  const m = new Map<string, V>();
  const inFlight = new Map<string, Promise<V>>();
  const cache = {
    get(k: string): V | undefined {
      const v = m.get(k);
      if (v !== undefined) {
        m.delete(k);
        m.set(k, v);
      }
      return v;
    },
    set(k: string, v: V) {
      m.delete(k);
      m.set(k, v);
      if (m.size > max) m.delete(m.keys().next().value!);
    },
    delete(k: string) {
      m.delete(k);
    },
    /**
     * The value kept under `k` (when `usable` accepts it), else the computation of it already in
     * flight, else `compute()` started, shared with whoever asks meanwhile, and kept when it succeeds.
     */
    getOrCompute(k: string, compute: () => Promise<V>, usable: (v: V) => boolean = () => true): Promise<V> {
      const hit = cache.get(k);
      if (hit !== undefined && usable(hit)) return Promise.resolve(hit);
      const running = inFlight.get(k);
      if (running) return running;
      const p = Promise.resolve()
        .then(compute)
        .then((v) => {
          cache.set(k, v);
          return v;
        })
        .finally(() => inFlight.delete(k));
      inFlight.set(k, p);
      return p;
    },
    /** Computations in flight (tests). */
    get inFlight(): number {
      return inFlight.size;
    },
  };
  return cache;
}

/**
 * Derived figures cached by a data version (bumped in the same transaction as every write to what they
 * read), so a figure is never older than the last committed write, on any app instance. The version is
 * read before the figure, so a figure cached under a version is at least as new as that version.
 * Requests asking for the same figure at once share one computation; a failed one is not kept.
 */
export function createVersionedFigures<DB extends PlatformDatabase>(
  db: OnPlatform<DB>,
  name: string,
  max = 24,
) {
  const lru = createLruCache<unknown>(max);
  return async function figure<T>(
    key: string,
    compute: () => Promise<T>,
    caller?: { dataVersions?: Readonly<Record<string, number>> },
  ): Promise<T> {
    const k = `${await versionFor(db, name, caller)}|${key}`;
    return lru.getOrCompute(k, compute) as Promise<T>;
  };
}

/** The cache key part of a caller's scope: its paths, sorted. */
export const scopeKey = (paths: readonly string[]) => [...paths].sort().join(',');
