import type { AppConfig } from './platform/config';
import { connectDatabase, type DialectName } from './platform/db/connect';
import { migrateToLatest } from './platform/db/migrate';
import { createAuditTrail, type AuditTrail } from './platform/audit/audit';
import { systemClock, type Clock } from './platform/clock';
import { createFieldCrypto, type FieldCrypto } from './platform/crypto/field-crypto';
import type { Db } from './database';
import { createOrgService, type OrgService } from './modules/org';
import {
  createPeopleService,
  createStatsService,
  type PeopleService,
  type StatsService,
} from './modules/people';
import { createAuthService, type AuthService } from './modules/auth';

export interface Services {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  audit: AuditTrail;
  orgs: OrgService;
  people: PeopleService;
  stats: StatsService;
  auth: AuthService;
  close(): Promise<void>;
}

/** The one place that creates the database, the clock and the services and wires them together. */
export async function compose(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'masterKey'> & { sqliteFile?: string },
  opts: { clock?: Clock; onPoolError?: (e: Error) => void } = {},
): Promise<Services> {
  const handle = connectDatabase<any>({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteFile: config.sqliteFile,
    onPoolError: opts.onPoolError,
  });
  await migrateToLatest(handle.db, handle.dialect);
  const db = handle.db as Db;
  const clock = opts.clock ?? systemClock;
  const crypto = createFieldCrypto(config.masterKey);
  const audit = createAuditTrail({ db: handle.db, dialect: handle.dialect, clock, key: crypto.auditKey });
  const orgs = createOrgService({ db, clock, audit });
  const people = createPeopleService({ db, clock, audit, crypto, orgs });
  const stats = createStatsService({ db, clock, orgs });
  const auth = createAuthService({ db, clock, audit });
  return {
    db,
    dialect: handle.dialect,
    clock,
    crypto,
    audit,
    orgs,
    people,
    stats,
    auth,
    close: handle.close,
  };
}
