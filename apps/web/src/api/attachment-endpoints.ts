// The attachment routes of matters and meetings.
import type { AttachmentItem, AttachmentList, AttachmentOwnerType } from '@xinhuo/shared';
import { api, buildUrl, uploadFile } from './client';

const enc = encodeURIComponent;
const base = (owner: AttachmentOwnerType, ownerId: string) =>
  `/api/${owner === 'matter' ? 'matters' : 'meetings'}/${enc(ownerId)}/attachments`;

export const attachmentsApi = {
  list: (owner: AttachmentOwnerType, ownerId: string, signal?: AbortSignal) =>
    api.get<AttachmentList>(base(owner, ownerId), undefined, signal),
  upload: (
    owner: AttachmentOwnerType,
    ownerId: string,
    file: Blob & { name: string },
    onProgress?: (percent: number) => void,
    signal?: AbortSignal,
  ) => uploadFile<AttachmentItem>(base(owner, ownerId), file, onProgress, signal),
  remove: (owner: AttachmentOwnerType, ownerId: string, id: string) =>
    api.delete<void>(`${base(owner, ownerId)}/${enc(id)}`),
  fileUrl: (owner: AttachmentOwnerType, ownerId: string, id: string, inline = false) =>
    buildUrl(`${base(owner, ownerId)}/${enc(id)}`, inline ? { disposition: 'inline' } : undefined),
  /** An image's small thumbnail (not a download in the audit trail; the browser keeps it a day). */
  thumbnailUrl: (owner: AttachmentOwnerType, ownerId: string, id: string) =>
    buildUrl(`${base(owner, ownerId)}/${enc(id)}/thumbnail`),
};
