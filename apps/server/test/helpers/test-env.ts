import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '@xinhuo/shared';
import { compose, type Services } from '../../src/composition';
import { buildApp } from '../../src/app';
import { createMovableClock, type MovableClock } from '../../src/platform/clock';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';
import { flushDeniedAccessAudits } from '../../src/platform/scoped-load';
import { makeOrg, makePerson, TEST_PASSWORD } from './factories';

export { TEST_PASSWORD, testIdNumber } from './factories';

export const ORIGIN = 'http://localhost:80';
export const DB_KIND = process.env.XINHUO_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
/** Tests build the demo on both databases (a throwaway PostgreSQL included); no server or command can. */
export const DEMO_TEST_BUILD = { demoMode: true, testOnlyAllowPostgres: true } as const;

/** A fresh, empty database of the kind this run tests: SQLite in memory, or a wiped PostgreSQL schema. */
export async function freshDatabaseUrl(): Promise<string | undefined> {
  if (DB_KIND !== 'postgres') return undefined;
  const url = process.env.XINHUO_TEST_DATABASE_URL;
  if (!url) throw new Error('XINHUO_TEST_DB=postgres needs XINHUO_TEST_DATABASE_URL');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade');
  await client.query('create schema public');
  await client.end();
  return url;
}

export interface Seed {
  cityId: string;
  townA: string;
  townB: string;
  villageA1: string;
  villageA2: string;
  villageB1: string;
  deptD: string;
  personA1: string;
  personA2: string;
  personB1: string;
}

export interface TestEnv {
  services: Services;
  /** The master key the services were composed with (a second instance on the same database needs it). */
  masterKey: Buffer;
  app: FastifyInstance;
  clock: MovableClock;
  seed: Seed;
  login(username: string, password?: string): Promise<string>;
  request(cookie: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /**
   * Another instance of the services on the same PostgreSQL database, with the same master key and
   * clock (as a second server behind a load balancer); the caller closes it. PostgreSQL only.
   */
  secondInstance(): Promise<Services>;
  close(): Promise<void>;
}

/** Services, app and a small city (towns A and B, villages A1, A2, B1, a department) with one account per role. */
export async function createTestEnv(
  opts: {
    now?: string;
    users?: readonly [string, Role, keyof Seed | null][];
    /** Export the audit trail's head to this file (audit anchor tests). */
    auditAnchorFile?: string;
    /** SQLite on this file instead of in memory (benchmarks measuring the server as production runs it). */
    sqliteFile?: string;
    /**
     * Keep the production default that the three administrators must enrol a second factor. Off by
     * default here: the suite signs in as administrators with a password alone (the policy change that
     * turns it off is a real, audited change through the service).
     */
    requireSecondFactor?: boolean;
    /** Told of every SQL statement run (tests that count what a request reads). */
    onQuery?: (sql: string) => void;
  } = {},
): Promise<TestEnv> {
  const clock = createMovableClock(opts.now ?? '2026-03-02T02:00:00Z');
  const url = await freshDatabaseUrl();
  const masterKey = randomBytes(32);
  const services = await compose(
    {
      databaseUrl: url,
      dataDir: '',
      masterKey,
      sqliteFile: opts.sqliteFile ?? ':memory:',
      auditAnchorFile: opts.auditAnchorFile,
    },
    // The notification tests run their webhook receiver on 127.0.0.1, which production refuses.
    {
      clock,
      testWebhooksToLoopback: true,
      testGuardNestedTransactions: true,
      ...(opts.onQuery ? { log: (e: { query: { sql: string } }) => opts.onQuery!(e.query.sql) } : {}),
    },
  );
  if (!opts.requireSecondFactor) {
    const initial = await services.auth.policy.state();
    await services.auth.policy.update(SYSTEM_ACTOR, {
      policy: { ...initial.policy, totpRequiredRoles: [] },
      version: initial.version,
    });
  }
  const app = await buildApp(services, { logLevel: 'silent', publicOrigin: ORIGIN });
  const city = await makeOrg({ services }, { name: '测试市', kind: 'city' });
  const townA = await makeOrg({ services }, { parent: city, name: 'A镇', kind: 'town' });
  const townB = await makeOrg({ services }, { parent: city, name: 'B镇', kind: 'town' });
  const villageA1 = await makeOrg({ services }, { parent: townA, name: 'A1村', partyOrgType: 'branch' });
  const villageA2 = await makeOrg(
    { services },
    { parent: townA, name: 'A2村', partyOrgType: 'general_branch' },
  );
  const villageB1 = await makeOrg(
    { services },
    { parent: townB, name: 'B1村', subKind: 'community', partyOrgType: 'committee' },
  );
  const deptD = await makeOrg({ services }, { parent: city, name: '农业农村局', kind: 'department' });
  const person = async (name: string, org: { id: string }, birthDate: string, gender: '1' | '2') =>
    (await makePerson({ services }, { name, org, birthDate, gender })).id;
  const seed: Seed = {
    cityId: city.id,
    townA: townA.id,
    townB: townB.id,
    villageA1: villageA1.id,
    villageA2: villageA2.id,
    villageB1: villageB1.id,
    deptD: deptD.id,
    personA1: await person('陆婷婷', villageA1, '1990-05-17', '2'),
    personA2: await person('李强', villageA2, '1980-02-29', '1'),
    personB1: await person('张伟', villageB1, '1975-11-30', '1'),
  };
  const users = opts.users ?? [
    ['city1', 'city_admin', 'cityId'],
    ['towna', 'town_staff', 'townA'],
    ['townb', 'town_staff', 'townB'],
    ['seca1', 'village_secretary', 'villageA1'],
    ['deptd', 'dept_handler', 'deptD'],
    ['leader1', 'leader', 'cityId'],
    ['sysadm', 'sys_admin', null],
    ['secadm', 'sec_admin', null],
    ['audadm', 'audit_admin', null],
  ];
  for (const [username, role, scope] of users) {
    await services.auth.bootstrapAccount(SYSTEM_ACTOR, {
      username,
      displayName: username,
      password: TEST_PASSWORD,
      roles: [role],
      orgIds: scope ? [seed[scope]] : [],
    });
  }
  // A request, then its background audit writes (denials of out-of-scope ids), so tests can read them.
  const request = async (cookie: string | null, o2: InjectOptions) => {
    const r = await app.inject({
      ...o2,
      headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}), ...(o2.headers ?? {}) },
    });
    await flushDeniedAccessAudits(services.audit);
    return r;
  };
  return {
    services,
    masterKey,
    app,
    clock,
    seed,
    request,
    async login(username, password = TEST_PASSWORD) {
      const r = await request(null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      const sc = r.cookies.find((k) => k.name === 'xh_sid');
      return `xh_sid=${sc!.value}`;
    },
    async secondInstance() {
      if (!url) throw new Error('a second instance shares the database on PostgreSQL only');
      return compose({ databaseUrl: url, dataDir: '', masterKey }, { clock });
    },
    async close() {
      await app.close();
      await services.close();
    },
  };
}
