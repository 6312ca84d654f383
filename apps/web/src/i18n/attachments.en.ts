// English strings of the attachment lists (merged into en.ts).
import type { attachmentsZhCN } from './attachments.zh-CN';

export const attachmentsEn: Record<keyof typeof attachmentsZhCN, string> = {
  'attachments.title': 'Attachments',
  'attachments.count': 'Attachments ({count})',
  'attachments.upload': 'Upload files',
  'attachments.hint': 'PDF, images, Word, Excel, PowerPoint or TXT; up to {size} each, at most {count} files',
  'attachments.empty': 'No attachments',
  'attachments.uploading': 'Uploading {name}',
  'attachments.uploaded': 'Uploaded {name}',
  'attachments.download': 'Download',
  'attachments.delete': 'Delete',
  'attachments.deleteConfirm': 'Delete the attachment “{name}”?',
  'attachments.deleted': 'Deleted {name}',
  'attachments.meta': '{uploader} · {time} · {size}',
  'attachments.readOnly': 'The matter is closed; its attachments no longer change',
  'attachments.error.type': '{name}: this file type is not accepted',
  'attachments.error.size': '{name}: larger than {size}',
  'attachments.error.empty': '{name}: empty file',
  'attachments.error.limit': 'At most {count} attachments',
  'attachments.error.failed': 'Uploading {name} failed: {message}',
};
