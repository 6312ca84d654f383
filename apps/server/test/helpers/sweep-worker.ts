// A second app instance in its own thread (own database connection), for the concurrent-sweep test.
import { parentPort, workerData } from 'node:worker_threads';
import { compose } from '../../src/composition';
import { createMovableClock } from '../../src/platform/clock';

const { databaseUrl, sqliteFile, masterKeyHex, nowIso } = workerData as {
  databaseUrl?: string;
  sqliteFile?: string;
  masterKeyHex: string;
  nowIso: string;
};

const services = await compose(
  { databaseUrl, sqliteFile, dataDir: '', masterKey: Buffer.from(masterKeyHex, 'hex') },
  { clock: createMovableClock(nowIso) },
);
parentPort!.postMessage({ ready: true });
parentPort!.once('message', async () => {
  try {
    const report = await services.loop.sweep.sweepDue(new Date(nowIso));
    parentPort!.postMessage({ report });
  } catch (e) {
    parentPort!.postMessage({ error: String(e) });
  } finally {
    await services.close();
  }
});
