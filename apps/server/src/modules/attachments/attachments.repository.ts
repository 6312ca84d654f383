import type { AttachmentOwnerType } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AttachmentsTable } from './attachments.tables';

type Conn = Db | Tx;

/** The live (not deleted) files of one owner, oldest first; metadata only. */
export function listForOwner(db: Conn, ownerType: AttachmentOwnerType, ownerId: string) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export async function countForOwner(db: Conn, ownerType: AttachmentOwnerType, ownerId: string) {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A live attachment by id, whatever its owner (the caller's access is checked on the owner). */
export function findLive(db: Conn, id: string) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findContent(db: Conn, id: string) {
  return db
    .selectFrom('attachment_contents')
    .select(['key_id', 'content'])
    .where('attachment_id', '=', id)
    .executeTakeFirst();
}

export async function insert(
  trx: Tx,
  row: AttachmentsTable,
  content: { key_id: string; content: Buffer },
): Promise<void> {
  await trx.insertInto('attachments').values(row).execute();
  await trx
    .insertInto('attachment_contents')
    .values({ attachment_id: row.id, ...content })
    .execute();
}

/** Marks a file deleted (the bytes stay for the record); false when it was already gone. */
export async function markDeleted(trx: Tx, id: string, by: string | null, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('attachments')
    .set({ deleted_at: at, deleted_by: by })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function displayNameOf(db: Conn, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name ?? null;
}
