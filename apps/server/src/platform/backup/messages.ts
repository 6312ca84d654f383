/** The command line's backup and restore messages, in both languages (printed together). */
export const BACKUP_MESSAGES = {
  BACKUP_TARGET_EXISTS: {
    zh: '备份文件已存在，不会覆盖：{detail}',
    en: 'The backup file already exists and is not overwritten: {detail}',
  },
  BACKUP_NOT_AN_ARCHIVE: {
    zh: '不是薪火备份文件或文件已损坏：{detail}',
    en: 'Not a Xinhuo backup file, or the file is damaged: {detail}',
  },
  BACKUP_HASH_MISMATCH: {
    zh: '备份文件已损坏：{detail} 的 SHA-256 与清单不符',
    en: 'The backup is corrupted: the SHA-256 of {detail} does not match its manifest',
  },
  BACKUP_INTEGRITY_FAILED: {
    zh: '备份中的数据库未通过完整性检查（PRAGMA integrity_check）：{detail}',
    en: 'The database in the backup fails PRAGMA integrity_check: {detail}',
  },
  BACKUP_SCHEMA_NEWER: {
    zh: '备份来自更新版本的薪火（数据库结构 {detail}），本版本不能恢复；请先升级程序',
    en: 'The backup comes from a newer Xinhuo (schema {detail}); this version cannot restore it. Upgrade first',
  },
  BACKUP_SCHEMA_NOT_CURRENT: {
    zh: '备份后的数据库结构不是最新版本：{detail}',
    en: 'The backed-up database is not at the latest schema: {detail}',
  },
  BACKUP_KEY_MISMATCH: {
    zh: '备份是在另一个主密钥下制作的：请设置制作备份时的 XINHUO_MASTER_KEY（密钥不在备份中，须另行保管）',
    en: 'The backup was made under another master key: set the XINHUO_MASTER_KEY it was made with (the key is never in the backup; keep it separately)',
  },
  BACKUP_AUDIT_BROKEN: {
    zh: '备份中的审计日志校验未通过：{detail}',
    en: 'The audit trail in the backup fails verification: {detail}',
  },
  BACKUP_WRONG_DATABASE: {
    zh: '备份的数据库类型（{detail}）与当前配置不同',
    en: 'The backup is of another kind of database ({detail}) than the one configured',
  },
  RESTORE_SERVER_RUNNING: {
    zh: '数据目录正被运行中的薪火服务使用（{detail}）：请先停止服务再恢复',
    en: 'The data directory is in use by a running Xinhuo server ({detail}): stop it before restoring',
  },
  DATA_DIR_IN_USE: {
    zh: '数据目录已被另一个薪火进程占用（{detail}）：同一数据目录只能运行一个服务，恢复期间也不能启动',
    en: 'The data directory is held by another Xinhuo process ({detail}): one server per data directory, and none while a restore runs',
  },
  RESTORE_PG_IN_USE: {
    zh: '数据库仍有 {detail} 个薪火服务连接：请先停止服务再恢复',
    en: 'The database still has {detail} connection(s) from a Xinhuo server: stop it before restoring',
  },
  KEY_ROTATION_SERVER_RUNNING: {
    zh: '数据目录正被运行中的薪火服务使用（{detail}）：请先停止服务再轮换主密钥',
    en: 'The data directory is in use by a running Xinhuo server ({detail}): stop it before rotating the master key',
  },
  KEY_ROTATION_PG_IN_USE: {
    zh: '数据库仍有 {detail} 个薪火服务连接：请先停止服务再轮换主密钥',
    en: 'The database still has {detail} connection(s) from a Xinhuo server: stop it before rotating the master key',
  },
  PG_TOOL_MISSING: {
    zh: '找不到 {detail}：请安装 PostgreSQL 客户端工具（Debian/Ubuntu：apt-get install postgresql-client-15），或把其 bin 目录加入 PATH',
    en: 'Cannot find {detail}: install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client-15) or put their bin directory on PATH',
  },
  PG_TOOL_FAILED: {
    zh: 'PostgreSQL 工具执行失败：{detail}',
    en: 'A PostgreSQL tool failed: {detail}',
  },
} as const;

export type BackupMessageCode = keyof typeof BACKUP_MESSAGES;

export class BackupError extends Error {
  constructor(
    readonly code: BackupMessageCode,
    readonly detail = '',
  ) {
    super(`${code}: ${BACKUP_MESSAGES[code].en.replace('{detail}', detail)}`);
  }
  text(lang: 'zh' | 'en'): string {
    return BACKUP_MESSAGES[this.code][lang].replace('{detail}', this.detail);
  }
}
