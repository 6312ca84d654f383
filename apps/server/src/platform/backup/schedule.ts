import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AuditTrail } from '../audit/audit';
import { SYSTEM_ACTOR } from '../audit/audit';
import { createBackup, type BackupConfig } from './backup';
import { nextRun, type CronSpec } from './cron';

/** Scheduled backups inside the server process (XINHUO_BACKUP_DIR, XINHUO_BACKUP_CRON, XINHUO_BACKUP_KEEP). */

const NAME = /^xinhuo-\d{8}-\d{6}\.tar$/;

export function backupFileName(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `xinhuo-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-` +
    `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}.tar`
  );
}

/** Delete all but the `keep` newest scheduled backups in `dir` (only files named like ours). */
export function pruneBackups(dir: string, keep: number): string[] {
  const ours = readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .reverse();
  const removed = ours.slice(keep);
  for (const n of removed) rmSync(path.join(dir, n), { force: true });
  return removed;
}

/** One scheduled run: back up into `dir`, prune, audit. Exported for the tests. */
export async function runScheduledBackup(deps: {
  cfg: BackupConfig;
  dir: string;
  keep: number;
  audit: AuditTrail;
  now?: Date;
}): Promise<string> {
  const file = path.join(deps.dir, backupFileName(deps.now ?? new Date()));
  try {
    const m = await createBackup(deps.cfg, file);
    const removed = pruneBackups(deps.dir, deps.keep);
    await deps.audit.recordAlone(SYSTEM_ACTOR, {
      action: 'backup_created',
      objectType: 'backup',
      objectId: path.basename(file),
      details: {
        scheduled: true,
        bytes: statSync(file).size,
        dialect: m.dialect,
        schema: m.migrations.at(-1) ?? null,
        removed: removed.length,
      },
    });
    return file;
  } catch (e) {
    await deps.audit.recordAlone(SYSTEM_ACTOR, {
      action: 'backup_created',
      objectType: 'backup',
      objectId: path.basename(file),
      outcome: 'error',
      details: { scheduled: true, error: e instanceof Error ? e.message.slice(0, 300) : String(e) },
    });
    throw e;
  }
}

/** Run backups on the schedule until stop(); each run's failure is logged and audited, never fatal. */
export function startBackupSchedule(deps: {
  spec: CronSpec;
  dir: string;
  keep: number;
  cfg: BackupConfig;
  audit: AuditTrail;
  log: (msg: string, err?: unknown) => void;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const at = nextRun(deps.spec, new Date());
    // Long delays are split: timers past ~24.8 days overflow, and a clock change is noticed sooner.
    const wait = Math.min(at.getTime() - Date.now(), 60 * 60_000);
    timer = setTimeout(
      () => {
        if (Date.now() + 500 < at.getTime()) return arm();
        running = runScheduledBackup(deps).then(
          (file) => deps.log(`scheduled backup written: ${file}`),
          (e) => deps.log('scheduled backup failed', e),
        );
        void running.then(arm);
      },
      Math.max(wait, 0),
    );
    timer.unref();
  };
  arm();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
