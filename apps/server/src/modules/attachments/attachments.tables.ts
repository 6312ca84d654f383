import type { AttachmentOwnerType } from '@xinhuo/shared';

/** One attached file's metadata; org_path is the owner's, copied so scoped reads are index ranges. */
export interface AttachmentsTable {
  id: string;
  owner_type: AttachmentOwnerType;
  owner_id: string;
  org_path: string;
  file_name: string;
  extension: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  uploader_name: string;
  uploaded_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

/** The file's bytes, sealed with AES-256-GCM (iv | tag | ciphertext) under the key named by key_id. */
export interface AttachmentContentsTable {
  attachment_id: string;
  key_id: string;
  content: Buffer;
}

/** A small WebP of an image attachment (at most THUMBNAIL_EDGE px a side), sealed like the file. */
export interface AttachmentThumbnailsTable {
  attachment_id: string;
  key_id: string;
  content: Buffer;
  width: number;
  height: number;
}
