import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './platform/config';
import { compose } from './composition';
import { buildApp } from './app';
import { ensureDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-city';
import { createMovableClock } from './platform/clock';

/** Listen, and shut down gracefully on SIGTERM/SIGINT. */
async function main() {
  const config = loadConfig();
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
    testClock,
  });
  if (config.isDemo) {
    const built = await ensureDemo(services, (msg) => app.log.info(msg));
    if (built) app.log.info('demo city built');
  }
  await app.listen({ port: config.port, host: config.host });
  // The matter sweep (reminders, 催办/督办/通报, feedback timeouts) and webhook delivery, every minute.
  services.loopJobs.start(60_000);
  await services.audit.recordAlone(
    { userId: null, username: 'system', role: 'system', ip: null, requestId: null, sessionHash: null },
    { action: 'startup', details: { dialect: services.dialect } },
  );
  const addr = `http://${config.host}:${config.port}`;
  console.log(`\n  薪火 Xinhuo is running at ${addr}  (database: ${services.dialect})`);
  if (config.isDemo) {
    console.log(`  Demo accounts (password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(15)} ${a.label}`);
  }
  console.log('');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await services.audit.recordAlone(
        { userId: null, username: 'system', role: 'system', ip: null, requestId: null, sessionHash: null },
        { action: 'shutdown', details: { signal } },
      );
      await services.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
