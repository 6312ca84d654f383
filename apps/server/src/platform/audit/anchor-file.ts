import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The audit trail's head exported to a file outside the database: someone who can rewrite the
 * database (a superuser, the file owner) does not thereby rewrite this copy, so a trail cut back
 * below the anchored seq is detected even when the head row was cut back too. Operators may also
 * ship it off the machine (it holds no personal data).
 */
export interface AuditAnchor {
  seq: number;
  rowHash: string;
  /** The head's signature (HMAC with a key derived from the master key). */
  mac: string;
  exportedAt: string;
}

const FORMAT = 'xinhuo-audit-anchor/1';

/** The anchor in the file, null when there is none yet, 'unreadable' when it is not an anchor. */
export function readAnchorFile(file: string): AuditAnchor | null | 'unreadable' {
  if (!existsSync(file)) return null;
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const ok =
      j.format === FORMAT &&
      Number.isSafeInteger(j.seq) &&
      typeof j.rowHash === 'string' &&
      typeof j.mac === 'string' &&
      typeof j.exportedAt === 'string';
    if (!ok) return 'unreadable';
    return {
      seq: j.seq as number,
      rowHash: j.rowHash as string,
      mac: j.mac as string,
      exportedAt: j.exportedAt as string,
    };
  } catch {
    return 'unreadable';
  }
}

/** An anchor left readable by others (an earlier version, a copy) is narrowed to the owner. */
export function restrictAnchorFile(file: string): void {
  if (existsSync(file)) chmodSync(file, 0o600);
}

/** Replace the file atomically (temporary file, then rename), readable by the owner only. */
export function writeAnchorFile(file: string, anchor: AuditAnchor): void {
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ format: FORMAT, ...anchor }, null, 2) + '\n', { mode: 0o600 });
  // The mode given at creation is reduced by the umask only; chmod makes it exact either way.
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
