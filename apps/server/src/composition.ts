import type { AppConfig } from './platform/config';
import { connectDatabase, type ConnectOptions, type DialectName } from './platform/db/connect';
import { migrateToLatest } from './platform/db/migrate';
import { createAuditTrail, sealHeadOnMigration, type AuditTrail } from './platform/audit/audit';
import { MIGRATIONS } from './platform/db/migrations';
import { systemClock, type Clock } from './platform/clock';
import { createFieldCrypto, type FieldCrypto } from './platform/crypto/field-crypto';
import { checkMasterKey } from './platform/crypto/key-state';
import type { Database, Db } from './database';
import { flushDeniedAccessAudits } from './platform/scoped-load';
import { createLineageService, createOrgService, type LineageService, type OrgService } from './modules/org';
import {
  createPeopleService,
  createStatsService,
  createTermsService,
  type PeopleService,
  type StatsService,
  type TermsService,
} from './modules/people';
import { createStructureReportService, type StructureReportService } from './modules/elections';
import {
  createAuthService,
  createSecurityAlertService,
  type AuthService,
  type SecurityAlertService,
} from './modules/auth';
import { createCalendarService, type CalendarService } from './platform/calendar/calendar';
import { createPolicyVersions } from './platform/policy/policy-versions';
import { createNotifier, type Notifier } from './platform/notify/notifier';
import {
  createLoopJobs,
  createMatterService,
  createMatterStatsService,
  createMyWorkService,
  createOrderService,
  createPolicyService,
  createSweepService,
  createWorkflowService,
  type LoopJobs,
} from './modules/matters';
import { createMeetingService, createReviewService } from './modules/meetings';
import {
  createDailyDigest,
  createWorkspaceService,
  type DailyDigest,
  type WorkspaceService,
} from './modules/workspace';
import { createAttachmentService, type AttachmentService } from './modules/attachments';
import { createImportsService, type ImportsService } from './modules/imports';
import { createCampaignsService, type CampaignsService } from './modules/elections';
import { createLrmxService, type LrmxService } from './modules/lrmx';
import {
  createTrainingService,
  trainingHours,
  trainingHoursByYear,
  type TrainingService,
} from './modules/training';
import {
  createCareerService,
  createCohortPages,
  createPipelineReminders,
  createPipelineService,
  createSuccessionService,
  seatsAtRisk,
  type CareerService,
  type CohortPages,
  type PipelineReminders,
  type PipelineService,
  type SuccessionService,
  type TrainingHoursSource,
} from './modules/pipeline';
import { createWallService, type WallService } from './modules/wall';
import { createSettingsService, type SettingsService } from './modules/settings';
import { SYSTEM_CALLER } from './platform/caller';

export interface Services {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  crypto: FieldCrypto;
  audit: AuditTrail;
  orgs: OrgService;
  lineage: LineageService;
  people: PeopleService;
  workspace: WorkspaceService;
  terms: TermsService;
  structureReports: StructureReportService;
  stats: StatsService;
  auth: AuthService;
  /** Denial-burst alerts, counted from the audit trail as it is written. */
  securityAlerts: SecurityAlertService;
  calendar: CalendarService;
  notify: Notifier;
  loop: LoopServices;
  attachments: AttachmentService;
  imports: ImportsService;
  campaigns: CampaignsService;
  lrmx: LrmxService;
  training: TrainingService;
  pipeline: PipelineService;
  succession: SuccessionService;
  /** The person page's career line across the programs. */
  career: CareerService;
  /** The cohort pages and the cohorts' export. */
  cohorts: CohortPages;
  /** The pipeline and training reminders (the loop runs them daily). */
  reminders: PipelineReminders;
  /** The optional daily digest of My work (the loop runs it at every tick; once per user and day). */
  digest: DailyDigest;
  /** The wall screen's aggregates (大屏驾驶舱). */
  wall: WallService;
  /** Platform settings that are not security policy (系统设置). */
  settings: SettingsService;
  /** The periodic matter sweep and webhook delivery; main starts it, close() stops it. */
  loopJobs: LoopJobs;
  close(): Promise<void>;
}

export type LoopServices = ReturnType<typeof wireMeetingsAndMatters>;

/** Meetings and the matter loop on a given clock (compose uses the system clock; the demo a moving one). */
export function wireMeetingsAndMatters(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  calendar: CalendarService;
  notify: Notifier;
  orgs: OrgService;
  people: PeopleService;
}) {
  const policyVersions = createPolicyVersions(deps);
  const matters = createMatterService({ ...deps, policyVersions });
  const workflow = createWorkflowService({ ...deps, matters, policyVersions });
  const sweep = createSweepService({ ...deps, workflow, policyVersions });
  const matterStats = createMatterStatsService(deps);
  const policy = createPolicyService({ ...deps, policyVersions });
  const meetings = createMeetingService({ ...deps, matters });
  const reviews = createReviewService({ ...deps, meetings, matters });
  const orders = createOrderService({ ...deps, matters, policyVersions });
  const myWork = createMyWorkService(deps);
  return { matters, workflow, sweep, matterStats, policy, meetings, reviews, orders, myWork };
}

/** Attachments of the loop's matters and meetings, each checked through its owner's scope. */
export function wireAttachments(
  deps: { db: Db; dialect: DialectName; clock: Clock; audit: AuditTrail; crypto: FieldCrypto },
  loop: Pick<LoopServices, 'matters' | 'meetings'>,
): AttachmentService {
  return createAttachmentService({
    ...deps,
    owners: {
      matter: (caller, id) => loop.matters.contributionAccess(caller, id),
      meeting: (caller, id) => loop.meetings.contributionAccess(caller, id),
    },
  });
}

/** The one place that creates the database, the clock and the services and wires them together. */
export async function compose(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'masterKey'> &
    Partial<Pick<AppConfig, 'webhookAllowHosts' | 'dbPoolSize'>> & {
      sqliteFile?: string;
      auditAnchorFile?: string;
    },
  opts: {
    clock?: Clock;
    onPoolError?: (e: Error) => void;
    log?: ConnectOptions['log'];
    /**
     * Tests only: webhooks may go to loopback receivers (the suite runs one on 127.0.0.1). No
     * environment variable or config field sets this; main never passes it.
     */
    testWebhooksToLoopback?: boolean;
    /** Tests only: a nested transaction (or `db` used inside one) fails at once with NESTED_TRANSACTION. */
    testGuardNestedTransactions?: boolean;
  } = {},
): Promise<Services> {
  const handle = connectDatabase<Database>({
    databaseUrl: config.databaseUrl,
    poolSize: config.dbPoolSize,
    dataDir: config.dataDir,
    sqliteFile: config.sqliteFile,
    onPoolError: opts.onPoolError,
    log: opts.log,
    guardNestedTransactions: opts.testGuardNestedTransactions === true,
  });
  const db = handle.db as Db;
  const clock = opts.clock ?? systemClock;
  const audit = createAuditTrail({
    db: handle.db,
    dialect: handle.dialect,
    clock,
    key: createFieldCrypto(config.masterKey).auditKey,
    anchorFile: config.auditAnchorFile,
  });
  await migrateToLatest(handle.db, handle.dialect, sealHeadOnMigration(MIGRATIONS, audit));
  let keyId: string;
  try {
    keyId = await checkMasterKey(handle.db, config.masterKey);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const crypto = createFieldCrypto(config.masterKey, keyId);
  const orgs = createOrgService({ db, clock, audit });
  const people = createPeopleService({ db, clock, audit, crypto, orgs });
  const terms = createTermsService({ db, clock, audit, orgs });
  const stats = createStatsService({ db, clock, orgs });
  const structureReports = createStructureReportService({ db, clock, audit });
  const auth = createAuthService({ db, clock, audit, crypto });
  const calendar = createCalendarService({ db: handle.db, clock, audit });
  await calendar.reload();
  const notify = createNotifier({
    db: handle.db,
    clock,
    audit,
    webhooks: {
      allowHosts: config.webhookAllowHosts ?? [],
      allowLoopbackForTests: opts.testWebhooksToLoopback === true,
    },
    onError: (e) => console.error('webhook delivery failed', e),
  });
  const securityAlerts = createSecurityAlertService({
    db,
    clock,
    audit,
    policy: auth.policy,
    notify,
    onError: (e) => console.error('raising a security alert failed', e),
  });
  const loop = wireMeetingsAndMatters({ db, clock, audit, calendar, notify, orgs, people });
  const lineage = createLineageService({ db, clock, audit, orgs, matters: loop.matters });
  const attachments = wireAttachments({ db, dialect: handle.dialect, clock, audit, crypto }, loop);
  const imports = createImportsService({
    db,
    clock,
    audit,
    crypto,
    orgs,
    people,
    log: (msg, err) => console.error(msg, err),
  });
  const campaigns = createCampaignsService({
    db,
    clock,
    audit,
    orgs,
    people,
    terms,
    calendar,
    structureReports,
  });
  const lrmx = createLrmxService({ db, clock, audit, crypto, people });
  const training = createTrainingService({ db, clock, audit, crypto, orgs, people });
  const workspace = createWorkspaceService({
    db,
    clock,
    people,
    matters: loop.matters,
    meetings: loop.meetings,
  });
  // The pipeline's training-hours rule, the successor score and the reminders read the hours attended.
  const hoursSource: TrainingHoursSource = {
    hoursFor: (conn, personIds, year) => trainingHours(conn, personIds, year),
    hoursByYear: (conn, personIds, from, to) => trainingHoursByYear(conn, personIds, from, to),
  };
  const reminders = createPipelineReminders({
    db,
    clock,
    audit,
    notify,
    training: hoursSource,
    seats: (conn, date) => seatsAtRisk(conn, SYSTEM_CALLER.scopePaths, date),
  });
  const pipeline = createPipelineService({
    db,
    clock,
    audit,
    calendar,
    orgs,
    terms,
    training: hoursSource,
    reminders,
  });
  const succession = createSuccessionService({ db, clock, audit, orgs, training: hoursSource });
  const career = createCareerService({ db, audit });
  const cohorts = createCohortPages({ db, audit });
  const settings = createSettingsService({ db, clock, audit });
  const wall = createWallService({
    db,
    clock,
    stats,
    matterStats: loop.matterStats,
    pipeline,
    training,
    timing: settings.wallTiming,
  });
  const digest = createDailyDigest({
    db,
    clock,
    notify,
    digestHour: settings.digestHour,
    counts: loop.myWork.counts,
    sendOnce: reminders.sendOnce,
  });
  const loopJobs = createLoopJobs({
    sweep: loop.sweep,
    daily: [
      { name: 'pipeline reminders', run: (now) => reminders.sweepDaily(now) },
      { name: 'daily digest', run: (now) => digest.sweep(now) },
    ],
    notify,
    calendar,
    clock,
    log: (msg, err) => (err ? console.error(msg, err) : console.log(msg)),
  });
  return {
    db,
    workspace,
    dialect: handle.dialect,
    clock,
    crypto,
    audit,
    orgs,
    lineage,
    people,
    terms,
    structureReports,
    stats,
    auth,
    securityAlerts,
    calendar,
    notify,
    loop,
    attachments,
    imports,
    campaigns,
    lrmx,
    training,
    pipeline,
    succession,
    career,
    cohorts,
    reminders,
    digest,
    wall,
    settings,
    loopJobs,
    close: async () => {
      await loopJobs.stop();
      // Denials queued off the response path are written before the database goes away.
      await flushDeniedAccessAudits(audit).catch((e) => console.error('unwritten access denials', e));
      await securityAlerts.flush();
      await handle.close();
    },
  };
}
