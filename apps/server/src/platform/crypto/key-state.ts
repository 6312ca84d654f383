import { createHmac } from 'node:crypto';
import { platformView, type OnPlatform, type PlatformDatabase } from '../platform-db';

/** The one row (id = 1) that says which master key the database is sealed under (see rotate-key). */
export interface KeyStateTable {
  id: number;
  /** The key id new values are sealed under: k1, then k2, k3… after each rotation. */
  key_id: string;
  /** keyCheck() of the master key of that id; '' until the first start that holds the key. */
  key_check: string;
  /** JSON of the KeyRotation in progress; null when none. */
  rotation: string | null;
}

/** A rotation under way: what the command needs to resume it with the same two keys. */
export interface KeyRotation {
  fromKeyId: string;
  toKeyId: string;
  /** keyCheck() of the new master key: a resume with another new key is refused. */
  newKeyCheck: string;
  startedAt: string;
  /** The backup taken before the first row was changed. */
  backupFile: string;
}

/** An HMAC of a fixed text under the master key: tells whether a key is the right one, reveals nothing. */
export function keyCheck(masterKey: Buffer): string {
  return createHmac('sha256', masterKey).update('xinhuo backup key check v1').digest('hex').slice(0, 32);
}

export class KeyStateError extends Error {}

export async function readKeyState<DB extends PlatformDatabase>(
  q: OnPlatform<DB>,
): Promise<{ keyId: string; keyCheck: string; rotation: KeyRotation | null }> {
  const row = await platformView(q)
    .selectFrom('key_state')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return {
    keyId: row.key_id,
    keyCheck: row.key_check,
    rotation: row.rotation ? (JSON.parse(row.rotation) as KeyRotation) : null,
  };
}

/**
 * At start: the key id to seal under, after checking that `masterKey` is the database's key and that no
 * rotation is half done. The first start after the key-state migration records the key's check value.
 */
export async function checkMasterKey<DB extends PlatformDatabase>(
  q: OnPlatform<DB>,
  masterKey: Buffer,
): Promise<string> {
  const state = await readKeyState(q);
  if (state.rotation)
    throw new KeyStateError(
      `A master-key rotation (${state.rotation.fromKeyId} → ${state.rotation.toKeyId}, started ` +
        `${state.rotation.startedAt}) is not finished: run rotate-key again with the same keys to ` +
        `complete it, or restore ${state.rotation.backupFile}. ` +
        `主密钥轮换（${state.rotation.fromKeyId} → ${state.rotation.toKeyId}）尚未完成：请用同样的新旧密钥` +
        `再次运行 rotate-key 完成轮换，或恢复轮换前的备份 ${state.rotation.backupFile}。`,
    );
  const check = keyCheck(masterKey);
  if (state.keyCheck === '') {
    await platformView(q)
      .updateTable('key_state')
      .set({ key_check: check })
      .where('id', '=', 1)
      .where('key_check', '=', '')
      .execute();
  } else if (state.keyCheck !== check) {
    throw new KeyStateError(
      `XINHUO_MASTER_KEY is not the master key of this database (key id ${state.keyId}); after a ` +
        `rotation only the new key opens it. ` +
        `XINHUO_MASTER_KEY 不是本数据库的主密钥（密钥编号 ${state.keyId}）；轮换之后只能使用新密钥。`,
    );
  }
  return state.keyId;
}
