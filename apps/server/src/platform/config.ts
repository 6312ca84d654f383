import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parseAllowHosts } from './notify/webhook-guard';
import { parseCron, type CronSpec } from './backup/cron';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  XINHUO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  XINHUO_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
  XINHUO_DEMO: z.enum(['0', '1']).optional(),
  XINHUO_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'XINHUO_MASTER_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  XINHUO_PUBLIC_ORIGIN: z.string().url().optional(),
  XINHUO_AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  XINHUO_TRUST_PROXY: z.string().optional(),
  XINHUO_WEB_DIR: z.string().optional(),
  XINHUO_WEBHOOK_ALLOW_HOSTS: z.string().optional(),
  XINHUO_BACKUP_DIR: z.string().min(1).optional(),
  XINHUO_BACKUP_CRON: z.string().min(1).optional(),
  XINHUO_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  XINHUO_TEST_CLOCK: z.string().datetime().optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL connections per instance (default: twice the cores, plus two; see platform/db/connect.ts). */
  dbPoolSize?: number;
  isDemo: boolean;
  masterKey: Buffer;
  /** Demo mode only: the key file beside the data the key was read from or generated into. */
  masterKeyFile: string | null;
  /** The audit trail's head exported outside the database (default `<dataDir>/audit-anchor.json`). */
  auditAnchorFile: string;
  publicOrigin?: string;
  trustProxy: string | false;
  webDir?: string;
  /** Intranet webhook receivers the operator allows (host names, addresses, CIDR ranges); all else must be public. */
  webhookAllowHosts: string[];
  /** Scheduled backups (XINHUO_BACKUP_DIR with XINHUO_BACKUP_CRON), keeping the `keep` newest; null when off. */
  backupSchedule: { dir: string; cron: CronSpec; cronText: string; keep: number } | null;
  /**
   * The environment external tools (pg_dump, pg_restore) run with: PATH, locale, time zone and the
   * PG* variables only — never the master key or other secrets of this process.
   */
  toolEnv: NodeJS.ProcessEnv;
  logLevel: string;
  isTest: boolean;
  /** Test builds only: start a movable clock here (browser tests move time to make matters overdue). */
  testClockStart?: string;
}

/** Parse the environment once at boot. The only reader of process.env in the server. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${msg}`);
  }
  const e = parsed.data;
  if (e.XINHUO_TEST_CLOCK && e.NODE_ENV !== 'test')
    throw new Error('XINHUO_TEST_CLOCK is only allowed with NODE_ENV=test');
  const dataDir = path.resolve(e.XINHUO_DATA_DIR);
  // Demo mode only on the embedded database: a shared PostgreSQL never gets accounts with a known password.
  const isDemo = !e.DATABASE_URL && e.XINHUO_DEMO !== '0';
  const key = resolveMasterKey(e.XINHUO_MASTER_KEY, dataDir, isDemo);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.XINHUO_DB_POOL_SIZE,
    isDemo,
    masterKey: key.key,
    masterKeyFile: key.file,
    auditAnchorFile: path.resolve(e.XINHUO_AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchor.json')),
    publicOrigin: e.XINHUO_PUBLIC_ORIGIN,
    trustProxy: e.XINHUO_TRUST_PROXY ?? false,
    webDir: e.XINHUO_WEB_DIR,
    webhookAllowHosts: webhookAllowHosts(e.XINHUO_WEBHOOK_ALLOW_HOSTS),
    backupSchedule: backupSchedule(e.XINHUO_BACKUP_DIR, e.XINHUO_BACKUP_CRON, e.XINHUO_BACKUP_KEEP),
    toolEnv: toolEnv(env),
    logLevel: e.LOG_LEVEL,
    isTest: e.NODE_ENV === 'test',
    testClockStart: e.XINHUO_TEST_CLOCK,
  };
}

function backupSchedule(dir: string | undefined, cron: string | undefined, keep: number) {
  if (!dir && !cron) return null;
  if (!dir || !cron)
    throw new Error('Invalid configuration: XINHUO_BACKUP_DIR and XINHUO_BACKUP_CRON are set together');
  return { dir: path.resolve(dir), cron: parseCron(cron), cronText: cron, keep };
}

const TOOL_ENV = /^(PATH|HOME|LANG|LC_[A-Z]+|TZ|PG[A-Z]+)$/;

function toolEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => TOOL_ENV.test(k)));
}

/** Comma-separated entries, each checked now so a typo fails the boot instead of silently allowing nothing. */
function webhookAllowHosts(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  parseAllowHosts(entries);
  return entries;
}

/**
 * The key comes from the environment; only a demo start may generate one into its data directory.
 * Outside demo mode a key file in the data directory is refused outright, even beside an
 * XINHUO_MASTER_KEY: whoever copies the data folder would hold the key to decrypt it and to
 * re-hash the audit chain after tampering.
 */
function resolveMasterKey(
  fromEnv: string | undefined,
  dataDir: string,
  isDemo: boolean,
): { key: Buffer; file: string | null } {
  const keyFile = path.join(dataDir, 'master.key');
  if (!isDemo && existsSync(keyFile)) {
    throw new Error(
      `Refusing to start: a key file exists in the data directory (${keyFile}). Outside demo mode the ` +
        'master key must come only from XINHUO_MASTER_KEY, never from a file beside the data (anyone with ' +
        'the data folder could decrypt it and re-hash the audit chain). Move the key to your secret store, ' +
        'set XINHUO_MASTER_KEY, and remove the file.',
    );
  }
  if (fromEnv) return { key: Buffer.from(fromEnv, 'hex'), file: null };
  if (!isDemo) {
    throw new Error('XINHUO_MASTER_KEY is required outside demo mode (64 hex characters)');
  }
  if (existsSync(keyFile)) {
    const hex = readFileSync(keyFile, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`Invalid key file ${keyFile}`);
    chmodSync(keyFile, 0o600);
    return { key: Buffer.from(hex, 'hex'), file: keyFile };
  }
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const hex = randomBytes(32).toString('hex');
  writeFileSync(keyFile, hex + '\n', { mode: 0o600 });
  return { key: Buffer.from(hex, 'hex'), file: keyFile };
}
