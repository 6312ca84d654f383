import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import path from 'node:path';
import { errorMessage, ROLES, type Role } from '@xinhuo/shared';
import { loadConfig, type AppConfig } from './platform/config';
import { compose, type Services } from './composition';
import { SYSTEM_ACTOR } from './platform/audit/audit';
import { ensureDemo } from './demo/demo-city';
import { AppError } from './platform/errors';
import { createBackup, restoreBackup, type BackupManifest } from './platform/backup/backup';
import { BackupError } from './platform/backup/messages';
import { exportAs, importAs } from './cli-roster';
import { readNewKey, rotateMasterKey, RotationError, type RotateKeyReport } from './cli-rotate-key';

const HELP = `Xinhuo command line
  backup <file>                        a consistent online copy of the database (SQLite backup API while the
                                       server runs, or pg_dump -Fc with DATABASE_URL) with the audit anchor,
                                       packed as one tar with a manifest (row counts, SHA-256 of each file),
                                       verified after writing. The master key is NOT in it: back it up apart
  restore <file> [--data-dir DIR]      check a backup (hashes, integrity, key, schema) and restore it; refused
                                       while a server uses the data directory (or, on PostgreSQL, the
                                       database); the replaced data is kept aside (replaced-<time>)
  rotate-key [--new-key-file FILE]     offline re-encryption under a new master key (old key in XINHUO_MASTER_KEY,
                                       new one in FILE or XINHUO_NEW_MASTER_KEY, 64 hex characters): refused
                                       while a server runs; verifies the audit trail and takes a backup into the
                                       data directory first; re-seals every field and file under the next key
                                       id, continues the audit chain; run it again to resume after a crash
  export roster|matters <file.xlsx> --as USER [--lang zh-CN|en]
                                       the web's export, acting as USER with that account's scope
  import roster <file.xlsx> --as USER [--dry-run] [--existing skip|update] [--lang zh-CN|en]
                                       the web's roster import as USER: dry run and its issue summary, then
                                       (without --dry-run, when no row has an error) the all-or-nothing commit
  audit:verify                         verify the audit hash chain against its signed head and the
                                       exported anchor file; exit 1 at the first broken or missing row
  create-admin --username U --role R [--display-name N] [--org ORG_ID]
                                       create an account; the password is read from XINHUO_NEW_PASSWORD
                                       (roles: ${ROLES.join(', ')}); it must be changed at first login
  demo [--scale N]                     build the demo city into an empty database (demo mode on the
                                       embedded SQLite database only: its accounts' password is public)
  migrate                              apply pending migrations
Configuration comes from the same environment variables as the server (see README).`;

async function run() {
  const [cmd, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      as: { type: 'string' },
      'dry-run': { type: 'boolean' },
      existing: { type: 'string' },
      lang: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      org: { type: 'string', multiple: true },
      scale: { type: 'string' },
      'new-key-file': { type: 'string' },
    },
  });
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig(
    cmd === 'restore' && values['data-dir']
      ? { ...process.env, XINHUO_DATA_DIR: values['data-dir'] }
      : process.env,
  );
  if (cmd === 'backup' || cmd === 'restore') {
    const file = positionals[0];
    if (!file) {
      console.error(`${cmd} needs a file\n${HELP}`);
      return 2;
    }
    return cmd === 'backup' ? backup(config, file) : restore(config, file);
  }
  if (cmd === 'rotate-key') return rotateKey(config, values['new-key-file']);
  if (cmd === 'demo' && !config.isDemo) {
    // Before connecting: the guard in ensureDemo holds too, but no key file or database is touched here.
    console.error(`${errorMessage('DEMO_REFUSED', 'en')}\n${errorMessage('DEMO_REFUSED', 'zh-CN')}`);
    return 1;
  }
  const services = await compose(config);
  try {
    switch (cmd) {
      case 'migrate':
        console.log('migrations are current');
        return 0;
      case 'audit:verify': {
        const r = await services.audit.verify();
        if (r.ok) {
          console.log(
            `audit trail intact: ${r.checked} rows verified, signed head at seq ${r.headSeq}, ` +
              (r.anchorSeq === null
                ? `no anchor file yet (${config.auditAnchorFile})`
                : `anchor at seq ${r.anchorSeq}`),
          );
          console.log(`审计日志完整：已校验 ${r.checked} 条`);
        } else {
          const where =
            r.truncatedAfterSeq !== null
              ? `truncated after seq ${r.truncatedAfterSeq}`
              : `at seq ${r.firstBrokenSeq ?? '?'}`;
          console.error(`audit trail BROKEN (${r.finding}) ${where}; ${r.checked} rows verified before it`);
          console.error(r.message!.en);
          console.error(r.message!.zh);
        }
        return r.ok ? 0 : 1;
      }
      case 'create-admin': {
        const password = process.env.XINHUO_NEW_PASSWORD;
        if (!values.username || !values.role || !password) {
          console.error('create-admin needs --username, --role and XINHUO_NEW_PASSWORD');
          return 2;
        }
        if (!(ROLES as readonly string[]).includes(values.role)) {
          console.error(`unknown role ${values.role}`);
          return 2;
        }
        const id = await services.auth.bootstrapAccount(SYSTEM_ACTOR, {
          username: values.username,
          displayName: values['display-name'] ?? values.username,
          password,
          roles: [values.role as Role],
          orgIds: values.org ?? [],
          mustChangePassword: true,
        });
        console.log(`created ${values.username} (${values.role}) id ${id}`);
        await exportAnchor(services);
        return 0;
      }
      case 'export':
      case 'import': {
        const [what, file] = positionals;
        const lang = values.lang === 'en' ? 'en' : 'zh-CN';
        const existing = values.existing === 'update' ? 'update' : 'skip';
        if (
          !file ||
          !values.as ||
          (cmd === 'import' ? what !== 'roster' : what !== 'roster' && what !== 'matters')
        ) {
          console.error(
            `${cmd} needs ${cmd === 'import' ? 'roster' : 'roster|matters'} <file.xlsx> --as USER`,
          );
          return 2;
        }
        const code =
          cmd === 'export'
            ? await exportAs(services, what as 'roster' | 'matters', file, values.as, lang)
            : await importAs(services, file, values.as, {
                dryRun: values['dry-run'] === true,
                existing,
                lang,
              });
        await exportAnchor(services);
        return code;
      }
      case 'demo': {
        const scale = Number(values.scale ?? '1');
        const built = await ensureDemo(services, console.log, { scale, demoMode: config.isDemo });
        if (!built) console.log('database is not empty; demo not built');
        await exportAnchor(services);
        return 0;
      }
      default:
        console.error(`unknown command ${cmd}\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`${e.code}${e.fields ? ' ' + JSON.stringify(e.fields) : ''}`);
      console.error(`${errorMessage(e.code, 'en')}\n${errorMessage(e.code, 'zh-CN')}`);
      return 1;
    }
    throw e;
  } finally {
    await services.close();
  }
}

function printBackupError(e: unknown): number {
  if (!(e instanceof BackupError)) throw e;
  console.error(e.text('en'));
  console.error(e.text('zh'));
  return 1;
}

function summary(m: BackupManifest): string {
  const rows = Object.values(m.rowCounts).reduce((a, b) => a + b, 0);
  return (
    `${m.dialect}, schema ${m.migrations.at(-1) ?? '-'}, ${Object.keys(m.rowCounts).length} tables, ` +
    `${rows} rows (attachments ${m.rowCounts.attachment_contents ?? 0}, audit ${m.rowCounts.audit_log ?? 0})`
  );
}

/**
 * The backup's audit row goes into the live database while the server writes too: an SQLite transaction
 * that read before the server's commit cannot then write (SQLITE_BUSY at once, no busy wait). Nothing
 * was written then; the row is tried again.
 */
async function retryWhileBusy(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY') || attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 25 * attempt));
    }
  }
}

async function backup(config: AppConfig, file: string): Promise<number> {
  let manifest: BackupManifest;
  try {
    manifest = await createBackup(config, file, (msg) => console.log(msg));
  } catch (e) {
    return printBackupError(e);
  }
  const bytes = statSync(file).size;
  console.log(`backup written and verified: ${path.resolve(file)} (${bytes} bytes)`);
  console.log(`  ${summary(manifest)}`);
  console.log(`备份已写入并校验通过：${path.resolve(file)}`);
  console.log('The master key is not in the backup: keep XINHUO_MASTER_KEY backed up separately.');
  console.log('备份中不含主密钥：请另行安全保管 XINHUO_MASTER_KEY。');
  const services = await compose(config);
  try {
    await retryWhileBusy(() =>
      services.audit.recordAlone(SYSTEM_ACTOR, {
        action: 'backup_created',
        objectType: 'backup',
        objectId: path.basename(file),
        details: { bytes, dialect: manifest.dialect, schema: manifest.migrations.at(-1) ?? null },
      }),
    );
    await exportAnchor(services);
  } finally {
    await services.close();
  }
  return 0;
}

async function restore(config: AppConfig, file: string): Promise<number> {
  let r;
  try {
    r = await restoreBackup(file, config, (msg) => console.log(msg));
  } catch (e) {
    return printBackupError(e);
  }
  console.log(`restored ${path.resolve(file)} (taken ${r.manifest.createdAt}): ${summary(r.manifest)}`);
  console.log(`已恢复备份（制作于 ${r.manifest.createdAt}）`);
  if (r.asideDir) {
    console.log(`the replaced data was kept in ${r.asideDir}`);
    console.log(`被替换的数据保存在 ${r.asideDir}`);
  }
  // Opening the restored database applies the migrations an older backup lacks, then the restore is
  // audited in the restored trail and the chain checked.
  const services = await compose(config);
  try {
    await services.audit.recordAlone(SYSTEM_ACTOR, {
      action: 'backup_restored',
      objectType: 'backup',
      objectId: path.basename(file),
      details: { takenAt: r.manifest.createdAt, replacedKeptIn: r.asideDir },
    });
    const v = await services.audit.verify();
    if (!v.ok) {
      console.error(`audit:verify after restore: ${v.finding}\n${v.message?.en}\n${v.message?.zh}`);
      return 1;
    }
    console.log(`audit trail intact: ${v.checked} rows verified / 审计日志完整`);
    await exportAnchor(services);
  } finally {
    await services.close();
  }
  return 0;
}

async function rotateKey(config: AppConfig, newKeyFile: string | undefined): Promise<number> {
  let r: RotateKeyReport;
  try {
    r = await rotateMasterKey({ config, newKey: readNewKey(newKeyFile, process.env), log: console.log });
  } catch (e) {
    if (e instanceof BackupError) return printBackupError(e);
    if (!(e instanceof RotationError)) throw e;
    console.error(`rotate-key refused or stopped: ${e.message}`);
    console.error('主密钥轮换被拒绝或中止（详见上方英文说明）；已完成的部分可再次运行 rotate-key 继续。');
    return 1;
  }
  console.log(`master key rotated ${r.fromKeyId} → ${r.toKeyId}; backup taken before it: ${r.backupFile}`);
  if (r.recoveryCodesCleared > 0)
    console.log(`${r.recoveryCodesCleared} account(s) must make new two-factor recovery codes (cleared)`);
  console.log(
    `主密钥已轮换（${r.fromKeyId} → ${r.toKeyId}）。现在把 XINHUO_MASTER_KEY 换成新密钥再启动服务；`,
  );
  console.log('旧密钥请继续保管：轮换前的备份只能用旧密钥读取。');
  console.log('Now set XINHUO_MASTER_KEY to the new key and start the server. Keep the old key: the backups');
  console.log('taken before the rotation (including the one above) open only with it.');
  return 0;
}

/** After a command that wrote audit rows, move the exported anchor forward (the server does it too). */
async function exportAnchor(services: Services): Promise<void> {
  const r = await services.audit.exportAnchor();
  if (r.finding) console.error(`audit anchor not updated (${r.finding}); run audit:verify`);
}

run().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
