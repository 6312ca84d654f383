import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type KyselyConfig,
  type LogEvent,
  type SqliteDatabase,
} from 'kysely';
import { GuardedKysely } from './transaction-guard';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

// node-postgres returns int8 (count(*), sum) and numeric as strings: read them as numbers once, here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface ConnectOptions {
  databaseUrl?: string;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  dataDir?: string;
  poolSize?: number;
  onPoolError?: (err: Error) => void;
  /** Optional Kysely log hook (every query with its SQL and parameters); used by the benchmark. */
  log?: (event: LogEvent) => void;
  /** Tests: `db` used inside an open transaction of the same async context throws NESTED_TRANSACTION. */
  guardNestedTransactions?: boolean;
  /** PostgreSQL: the connections' application_name (default `xinhuo`; a restore looks for it). */
  applicationName?: string;
}

/**
 * PostgreSQL connections per instance: about as many as the queries that can run at once, twice the cores
 * plus two (a request waits for a connection rather than crowding the database with more than it can run;
 * the two spare ones keep the sweep and the notifier from waiting behind a burst of requests).
 */
export function defaultPoolSize(): number {
  return availableParallelism() * 2 + 2;
}

/** Open the database chosen by configuration: PostgreSQL when a URL is given, else embedded SQLite (WAL). */
export function connectDatabase<DB>(opts: ConnectOptions): DatabaseHandle<DB> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? defaultPoolSize(),
      application_name: opts.applicationName ?? 'xinhuo',
      // Idle connections stay open: a running server always shows in pg_stat_activity, which is how a
      // restore knows to refuse (pg's default closed them after 10 idle seconds, and a quiet server vanished).
      idleTimeoutMillis: 0,
    });
    // Without a listener, an idle client dropped by the server crashes the process.
    pool.on('error', (err) => opts.onPoolError?.(err));
    const db = kysely<DB>(opts, { dialect: new PostgresDialect({ pool }), log: opts.log });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? path.join(opts.dataDir ?? './data', 'xinhuo.db');
  if (file !== ':memory:') createOwnerOnly(file);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  if (file !== ':memory:') restrictToOwner(file);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('secure_delete = ON');
  const db = kysely<DB>(opts, {
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: opts.log,
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Prepared statements kept per connection (the app runs a few hundred distinct statements). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every statement on every call; preparing costs as much as running
 * a small query. The database handed to it keeps its prepared statements by SQL text (least recently
 * used ones go first), so a statement is prepared once per connection. SQLite re-prepares a cached
 * statement itself after a schema change. A statement still being iterated (a streamed query) is
 * busy: a second use of the same SQL meanwhile gets a statement of its own.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit) {
        if (hit.busy) return sqlite.prepare(sql);
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

function kysely<DB>(opts: ConnectOptions, config: KyselyConfig): Kysely<DB> {
  return opts.guardNestedTransactions ? new GuardedKysely<DB>(config) : new Kysely<DB>(config);
}

/**
 * The database holds sealed personal data and the audit trail: its folder is created 0700 and the
 * file 0600 before SQLite opens it (SQLite gives the -wal and -shm files the database file's mode).
 */
function createOwnerOnly(file: string): void {
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}

/** Files left readable by others by an earlier version (or a copy) are narrowed at every start. */
function restrictToOwner(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}
