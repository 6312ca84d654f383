import { sql } from 'kysely';
import type { AttachmentOwnerType } from '@xinhuo/shared';
import type { DialectName } from '../../platform/db/connect';
import type { Db, Tx } from '../../database';
import type { AttachmentThumbnailsTable, AttachmentsTable } from './attachments.tables';

type Conn = Db | Tx;

/** The live (not deleted) files of one owner, oldest first; metadata only. */
export function list(db: Conn, ownerType: AttachmentOwnerType, ownerId: string) {
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

/** Advisory-lock class of "one owner's attachment list" (two-int keys: apart from the single-key locks). */
const OWNER_LOCK_CLASS = 7_412_003;

/**
 * Holds one owner's attachment list until the transaction ends, so a count and the insert it allows
 * are one step: under READ COMMITTED two uploads would otherwise both count 19 and both insert.
 * PostgreSQL: a transaction-scoped advisory lock keyed by the owner (a hash collision only makes two
 * owners wait for each other). SQLite: the single connection already runs one transaction at a time.
 */
export async function lockOwner(
  trx: Tx,
  dialect: DialectName,
  ownerType: AttachmentOwnerType,
  ownerId: string,
): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${OWNER_LOCK_CLASS}, hashtext(${`${ownerType}:${ownerId}`}))`.execute(
    trx,
  );
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
export function findById(db: Conn, id: string) {
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
  thumbnail: Omit<AttachmentThumbnailsTable, 'attachment_id'> | null,
): Promise<void> {
  await trx.insertInto('attachments').values(row).execute();
  await trx
    .insertInto('attachment_contents')
    .values({ attachment_id: row.id, ...content })
    .execute();
  if (thumbnail) await insertThumbnail(trx, { attachment_id: row.id, ...thumbnail });
}

export function findThumbnail(db: Conn, id: string) {
  return db
    .selectFrom('attachment_thumbnails')
    .select(['key_id', 'content'])
    .where('attachment_id', '=', id)
    .executeTakeFirst();
}

/** Stores a thumbnail; a second one made at the same time for the same file is dropped. */
export async function insertThumbnail(db: Conn, row: AttachmentThumbnailsTable): Promise<void> {
  await db
    .insertInto('attachment_thumbnails')
    .values(row)
    .onConflict((oc) => oc.column('attachment_id').doNothing())
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

export async function findDisplayName(db: Conn, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name ?? null;
}
