import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './platform/config';
import { compose, type Services } from './composition';
import { buildApp } from './app';
import { ensureDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-city';
import { createMovableClock } from './platform/clock';
import type { AuditTrail } from './platform/audit/audit';
import { holdDataDir } from './platform/backup/backup';
import { BackupError } from './platform/backup/messages';
import { startBackupSchedule } from './platform/backup/schedule';

const ANCHOR_EVERY_MS = 10 * 60_000;
const IDLE_SWEEP_EVERY_MS = 24 * 3600_000;

/** Listen, and shut down gracefully on SIGTERM/SIGINT. */
async function main() {
  const config = loadConfig();
  // One server per embedded database, and none while a restore swaps its files (released at exit).
  const dataDirLock = config.databaseUrl ? null : holdDataDir(config.dataDir, 'server');
  const testClock =
    config.isTest && config.testClockStart ? createMovableClock(config.testClockStart) : undefined;
  const services = await compose(config, {
    clock: testClock,
    onPoolError: (e) => console.error('database pool error', e.message),
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const webDir = config.webDir ?? path.resolve(here, '../../web/dist');
  const app = await buildApp(services, {
    logLevel: config.logLevel,
    publicOrigin: config.publicOrigin,
    trustProxy: config.trustProxy,
    webDir,
    demoMode: config.isDemo,
    testClock,
  });
  if (config.isDemo) {
    const built = await ensureDemo(services, (msg) => app.log.info(msg), { demoMode: config.isDemo });
    if (built) app.log.info('demo city built');
  }
  await app.listen({ port: config.port, host: config.host });
  // The matter sweep (reminders, 催办/督办/通报, feedback timeouts) and webhook delivery, every minute.
  services.loopJobs.start(60_000);
  await services.audit.recordAlone(
    { userId: null, username: 'system', role: 'system', ip: null, requestId: null, sessionHash: null },
    { action: 'startup', details: { dialect: services.dialect } },
  );
  const anchors = startAnchorExports(services.audit, (msg) => app.log.error(msg));
  const idleSweep = startIdleAccountSweep(services, (msg, err) => app.log.error({ err }, msg));
  const backups = config.backupSchedule
    ? startBackupSchedule({
        spec: config.backupSchedule.cron,
        dir: config.backupSchedule.dir,
        keep: config.backupSchedule.keep,
        cfg: config,
        audit: services.audit,
        log: (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)),
      })
    : null;
  const addr = `http://${config.host}:${config.port}`;
  console.log(`\n  薪火 Xinhuo is running at ${addr}  (database: ${services.dialect})`);
  if (config.isDemo) {
    console.log(`  Demo accounts (password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(15)} ${a.label}`);
  }
  if (config.masterKeyFile) {
    const warning =
      `demo mode keeps its master key beside the data (${config.masterKeyFile}): anyone with the data ` +
      'folder can decrypt it and re-hash the audit chain. Outside demo mode set XINHUO_MASTER_KEY and keep ' +
      'no key file in the data directory.';
    app.log.warn({ keyFile: config.masterKeyFile }, warning);
    console.log(`  Warning: ${warning}`);
    console.log(
      `  注意：演示模式的主密钥保存在数据目录中（${config.masterKeyFile}），拿到数据目录的人即可解密数据并重算审计哈希链。`,
    );
  }
  console.log(`  Audit anchor: ${config.auditAnchorFile}`);
  if (config.backupSchedule)
    console.log(
      `  Scheduled backups: "${config.backupSchedule.cronText}" (server local time) into ` +
        `${config.backupSchedule.dir}, keeping ${config.backupSchedule.keep}`,
    );
  console.log('');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await backups?.stop();
      await services.audit.recordAlone(
        { userId: null, username: 'system', role: 'system', ip: null, requestId: null, sessionHash: null },
        { action: 'shutdown', details: { signal } },
      );
      await anchors.stop();
      await idleSweep.stop();
      await services.close();
      dataDirLock?.release();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Export the signed head of the audit trail outside the database at start, every 10 minutes and at
 * shutdown. A refusal (the trail no longer holds the anchored row) leaves the anchor as evidence.
 */
function startAnchorExports(audit: AuditTrail, logError: (msg: string) => void) {
  const exportNow = async () => {
    try {
      const r = await audit.exportAnchor();
      if (r.finding)
        logError(`audit anchor not updated (${r.finding}): ${audit.anchorFile}; run npm run audit:verify`);
    } catch (e) {
      logError(`audit anchor export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  void exportNow();
  const timer = setInterval(() => void exportNow(), ANCHOR_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await exportNow();
    },
  };
}

/** Idle-account expiry (security policy): once at start, then daily. */
function startIdleAccountSweep(services: Services, logError: (msg: string, err: unknown) => void) {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = services.auth.sweepIdleAccounts().catch((e) => logError('idle-account sweep failed', e));
  };
  sweep();
  const timer = setInterval(sweep, IDLE_SWEEP_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

main().catch((err) => {
  if (err instanceof BackupError) console.error(err.text('zh'));
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
