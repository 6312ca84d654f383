/**
 * Attachments (附件) of matters and meetings: the file kinds accepted, the limits, and how a file name
 * is made safe. Shared so the web refuses a file before uploading it and the server refuses it again.
 */

export const ATTACHMENT_OWNER_TYPES = ['matter', 'meeting'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];

export const ATTACHMENT_LIMITS = {
  /** Largest file accepted, in bytes (10 MiB: a scanned multi-page PDF or a phone photo). */
  maxBytes: 10 * 1024 * 1024,
  /** Files one matter or meeting may carry (deleted ones do not count). */
  perOwner: 20,
  /** Longest file name kept, in characters, extension included. */
  nameMax: 100,
} as const;

/** The file kinds accepted, by extension; the server checks the content matches the kind. */
export const ATTACHMENT_KINDS = {
  pdf: { mime: 'application/pdf', family: 'pdf' },
  jpg: { mime: 'image/jpeg', family: 'jpeg' },
  jpeg: { mime: 'image/jpeg', family: 'jpeg' },
  png: { mime: 'image/png', family: 'png' },
  webp: { mime: 'image/webp', family: 'webp' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    family: 'ooxml',
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', family: 'ooxml' },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    family: 'ooxml',
  },
  doc: { mime: 'application/msword', family: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', family: 'ole' },
  ppt: { mime: 'application/vnd.ms-powerpoint', family: 'ole' },
  txt: { mime: 'text/plain; charset=utf-8', family: 'text' },
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_KINDS;

/** Kinds a browser may show inline (previews); everything else is always downloaded. */
export const INLINE_EXTENSIONS: readonly AttachmentExtension[] = ['jpg', 'jpeg', 'png', 'webp'];

/** The `accept` attribute for file pickers. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_KINDS)
  .map((e) => `.${e}`)
  .join(',');

/** The lower-case extension if it is an accepted kind, else null. */
export function attachmentExtension(name: string): AttachmentExtension | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(ATTACHMENT_KINDS, ext) ? (ext as AttachmentExtension) : null;
}

// Control characters, bidi overrides and isolates, zero-width and BOM characters, and characters
// Windows or a shell would read specially: none of them belong in a file name people see and save.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*]/g;

/**
 * A file name safe to store, show and offer for saving: only the last path segment, no control,
 * bidi or reserved characters, no leading dots, at most `nameMax` characters with the extension kept.
 * Returns null when nothing usable remains.
 */
export function sanitizeFileName(raw: string): string | null {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base.normalize('NFC').replace(/\t/g, ' ').replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  name = name.replace(/^\.+/, '').trim();
  if (!name) return null;
  const chars = [...name];
  if (chars.length > ATTACHMENT_LIMITS.nameMax) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    if (ext.length >= ATTACHMENT_LIMITS.nameMax) return null;
    name = chars.slice(0, ATTACHMENT_LIMITS.nameMax - ext.length).join('') + ext.join('');
  }
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return name;
}

/** 1536 → "1.5 KB"; for lists of files. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
