import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parseAllowHosts } from './notify/webhook-guard';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  XINHUO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  XINHUO_DEMO: z.enum(['0', '1']).optional(),
  XINHUO_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'XINHUO_MASTER_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  XINHUO_PUBLIC_ORIGIN: z.string().url().optional(),
  XINHUO_TRUST_PROXY: z.string().optional(),
  XINHUO_WEB_DIR: z.string().optional(),
  XINHUO_WEBHOOK_ALLOW_HOSTS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  XINHUO_TEST_CLOCK: z.string().datetime().optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  isDemo: boolean;
  masterKey: Buffer;
  publicOrigin?: string;
  trustProxy: string | false;
  webDir?: string;
  /** Intranet webhook receivers the operator allows (host names, addresses, CIDR ranges); all else must be public. */
  webhookAllowHosts: string[];
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    isDemo,
    masterKey: resolveMasterKey(e.XINHUO_MASTER_KEY, dataDir, isDemo),
    publicOrigin: e.XINHUO_PUBLIC_ORIGIN,
    trustProxy: e.XINHUO_TRUST_PROXY ?? false,
    webDir: e.XINHUO_WEB_DIR,
    webhookAllowHosts: webhookAllowHosts(e.XINHUO_WEBHOOK_ALLOW_HOSTS),
    logLevel: e.LOG_LEVEL,
    isTest: e.NODE_ENV === 'test',
    testClockStart: e.XINHUO_TEST_CLOCK,
  };
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

/** The key comes from the environment; only a demo start may generate one into its data directory. */
function resolveMasterKey(fromEnv: string | undefined, dataDir: string, isDemo: boolean): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'hex');
  const keyFile = path.join(dataDir, 'master.key');
  if (existsSync(keyFile)) {
    const hex = readFileSync(keyFile, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`Invalid key file ${keyFile}`);
    return Buffer.from(hex, 'hex');
  }
  if (!isDemo) {
    throw new Error('XINHUO_MASTER_KEY is required outside demo mode (64 hex characters)');
  }
  mkdirSync(dataDir, { recursive: true });
  const hex = randomBytes(32).toString('hex');
  writeFileSync(keyFile, hex + '\n', { mode: 0o600 });
  return Buffer.from(hex, 'hex');
}
