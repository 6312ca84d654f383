import { createHash } from 'node:crypto';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_LIMITS,
  INLINE_EXTENSIONS,
  attachmentExtension,
  sanitizeFileName,
  type AttachmentExtension,
  type AttachmentOwnerType,
} from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import type { DialectName } from '../../platform/db/connect';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { AppError, notFound } from '../../platform/errors';
import { checkFileKind } from '../../platform/files/file-kind';
import { makeThumbnail } from '../../platform/files/thumbnail';
import { monotonicId } from '../../platform/ids';
import * as repo from './attachments.repository';
import type { AttachmentsTable } from './attachments.tables';

/** How the caller stands towards the record a file belongs to; throws 404 when it is not visible. */
export interface OwnerAccess {
  orgPath: string;
  /** May add files, and delete the files they added. */
  takesPart: boolean;
  /** The record is final (a closed matter): its files no longer change. */
  isFinal: boolean;
}
export type OwnerAccessResolver = (caller: Caller, ownerId: string) => Promise<OwnerAccess>;

export interface AttachmentItem {
  id: string;
  name: string;
  extension: string;
  size: number;
  uploaderName: string;
  uploadedAt: string;
  canDelete: boolean;
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;

/**
 * Files attached to matters and meetings: checked (size, name, kind by content), sealed with
 * AES-256-GCM in the database, read back only through the owner's scope check, every step audited.
 */
export function createAttachmentService(deps: {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  owners: Record<AttachmentOwnerType, OwnerAccessResolver>;
}) {
  const { db, dialect, clock, audit, crypto, owners } = deps;

  const mayDelete = (caller: Caller, a: AttachmentsTable, access: OwnerAccess) =>
    access.takesPart &&
    !access.isFinal &&
    (caller.permissions === 'system' || (a.uploaded_by !== null && a.uploaded_by === caller.userId));

  const toItem = (caller: Caller, a: AttachmentsTable, access: OwnerAccess): AttachmentItem => ({
    id: a.id,
    name: a.file_name,
    extension: a.extension,
    size: a.size_bytes,
    uploaderName: a.uploader_name,
    uploadedAt: a.uploaded_at,
    canDelete: mayDelete(caller, a, access),
  });

  /** A live file of this owner and the owner's access for this caller; 404 for missing, deleted, another owner's, or out of scope. */
  async function loadAttachment(caller: Caller, ownerType: AttachmentOwnerType, ownerId: string, id: string) {
    const access = await owners[ownerType](caller, ownerId);
    const a = await repo.findById(db, id);
    if (!a || a.owner_type !== ownerType || a.owner_id !== ownerId) throw notFound();
    return { a, access };
  }

  /** The file's bytes, checked against the digest taken on upload; an integrity failure is audited. */
  async function readVerified(caller: Caller, a: AttachmentsTable): Promise<Buffer> {
    const stored = await repo.findContent(db, a.id);
    let bytes: Buffer | null = null;
    try {
      bytes = stored ? crypto.openBytes(stored.key_id, Buffer.from(stored.content)) : null;
    } catch {
      bytes = null;
    }
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== a.sha256) {
      await audit.recordAlone(caller.actor, {
        action: 'integrity_violation',
        objectType: 'attachment',
        objectId: a.id,
        outcome: 'error',
      });
      throw new AppError('ATTACHMENT_INTEGRITY');
    }
    return bytes;
  }

  async function sealedThumbnail(image: Buffer) {
    const thumb = await makeThumbnail(image);
    if (!thumb) return null;
    const sealed = crypto.sealBytes(thumb.bytes);
    return { key_id: sealed.keyId, content: sealed.sealed, width: thumb.width, height: thumb.height };
  }

  return {
    async list(caller: Caller, ownerType: AttachmentOwnerType, ownerId: string) {
      const access = await owners[ownerType](caller, ownerId);
      const rows = await repo.list(db, ownerType, ownerId);
      return {
        items: rows.map((a) => toItem(caller, a, access)),
        canUpload: access.takesPart && !access.isFinal,
      };
    },

    /** Checks and stores one file; nothing is written unless every check passes. */
    async upload(
      caller: Caller,
      ownerType: AttachmentOwnerType,
      ownerId: string,
      file: { name: string; bytes: Buffer },
    ): Promise<AttachmentItem> {
      const access = await owners[ownerType](caller, ownerId);
      if (!access.takesPart) throw new AppError('FORBIDDEN');
      if (access.isFinal) throw new AppError('ATTACHMENT_READ_ONLY');
      const name = sanitizeFileName(file.name);
      if (!name) throw new AppError('ATTACHMENT_NAME_INVALID');
      const ext: AttachmentExtension | null = attachmentExtension(name);
      if (!ext) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
      if (file.bytes.length === 0) throw new AppError('ATTACHMENT_EMPTY');
      if (file.bytes.length > ATTACHMENT_LIMITS.maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE');
      const problem = checkFileKind(ext, file.bytes);
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      if (problem) {
        await audit.recordAlone(caller.actor, {
          action: 'attachment_rejected',
          objectType: ownerType,
          objectId: ownerId,
          outcome: 'denied',
          details: { reason: problem, extension: ext, size: file.bytes.length, sha256 },
        });
        throw new AppError(problem);
      }
      const uploaderName =
        (await repo.findDisplayName(db, caller.userId)) ??
        (caller.permissions === 'system' ? '系统' : (caller.actor.username ?? ''));
      const sealed = crypto.sealBytes(file.bytes);
      const thumbnail = INLINE_EXTENSIONS.includes(ext) ? await sealedThumbnail(file.bytes) : null;
      const row: AttachmentsTable = {
        id: monotonicId(clock.now().getTime()),
        owner_type: ownerType,
        owner_id: ownerId,
        org_path: access.orgPath,
        file_name: name,
        extension: ext,
        size_bytes: file.bytes.length,
        sha256,
        uploaded_by: caller.userId,
        uploader_name: uploaderName,
        uploaded_at: clock.now().toISOString(),
        deleted_at: null,
        deleted_by: null,
      };
      await db.transaction().execute(async (trx) => {
        // Locked, counted and inserted in one transaction: uploads racing for the last slots take turns.
        await repo.lockOwner(trx, dialect, ownerType, ownerId);
        if ((await repo.countForOwner(trx, ownerType, ownerId)) >= ATTACHMENT_LIMITS.perOwner)
          throw new AppError('ATTACHMENT_LIMIT_REACHED');
        await repo.insert(trx, row, { key_id: sealed.keyId, content: sealed.sealed }, thumbnail);
        await audit.record(trx, caller.actor, {
          action: 'attachment_upload',
          objectType: ownerType,
          objectId: ownerId,
          details: { attachmentId: row.id, name, size: row.size_bytes, sha256 },
        });
      });
      return toItem(caller, row, access);
    },

    /** The file's bytes for download, after the owner's scope check; the download is audited. */
    async open(caller: Caller, ownerType: AttachmentOwnerType, ownerId: string, id: string) {
      const { a } = await loadAttachment(caller, ownerType, ownerId, id);
      const bytes = await readVerified(caller, a);
      await audit.recordAlone(caller.actor, {
        action: 'attachment_download',
        objectType: 'attachment',
        objectId: id,
        details: { ownerType: a.owner_type, ownerId: a.owner_id },
      });
      return {
        name: a.file_name,
        extension: a.extension as AttachmentExtension,
        mime: ATTACHMENT_KINDS[a.extension as AttachmentExtension].mime,
        sha256: a.sha256,
        bytes,
      };
    },

    /**
     * An image's thumbnail (WebP), after the same scope check as the file. Showing it in a list is not
     * a download, so it is not audited; opening the file is. Made on upload; an image stored before
     * thumbnails existed gets one on its first view. 404 for files that are not images or cannot be
     * decoded.
     */
    async thumbnail(caller: Caller, ownerType: AttachmentOwnerType, ownerId: string, id: string) {
      const { a } = await loadAttachment(caller, ownerType, ownerId, id);
      if (!INLINE_EXTENSIONS.includes(a.extension as AttachmentExtension)) throw notFound();
      let stored = await repo.findThumbnail(db, id);
      if (!stored) {
        const made = await sealedThumbnail(await readVerified(caller, a));
        if (!made) throw notFound();
        await repo.insertThumbnail(db, { attachment_id: id, ...made });
        stored = made;
      }
      try {
        return crypto.openBytes(stored.key_id, Buffer.from(stored.content));
      } catch {
        await audit.recordAlone(caller.actor, {
          action: 'integrity_violation',
          objectType: 'attachment',
          objectId: id,
          outcome: 'error',
          details: { part: 'thumbnail' },
        });
        throw new AppError('ATTACHMENT_INTEGRITY');
      }
    },

    /** Removes a file from the list (its uploader, while the record is open); the bytes stay for the record. */
    async remove(caller: Caller, ownerType: AttachmentOwnerType, ownerId: string, id: string): Promise<void> {
      const { a, access } = await loadAttachment(caller, ownerType, ownerId, id);
      if (access.isFinal) throw new AppError('ATTACHMENT_READ_ONLY');
      if (!mayDelete(caller, a, access)) throw new AppError('FORBIDDEN');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.markDeleted(trx, id, caller.userId, clock.now().toISOString()))) throw notFound();
        await audit.record(trx, caller.actor, {
          action: 'attachment_delete',
          objectType: a.owner_type,
          objectId: a.owner_id,
          details: { attachmentId: id, name: a.file_name },
        });
      });
    },
  };
}
