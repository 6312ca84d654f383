import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * RFC 6266 Content-Disposition: a server-made ASCII name for old clients (never the user's text) and
 * the real, possibly Chinese name UTF-8 encoded in filename*.
 */
export function contentDisposition(kind: 'attachment' | 'inline', asciiName: string, name: string): string {
  const ascii = asciiName.replace(/[^\w.-]+/g, '-');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a generated file (export, document) as a download. */
export function sendDownload(
  reply: FastifyReply,
  file: { bytes: Buffer; type: string; asciiName: string; name: string },
) {
  return reply
    .header('Content-Type', file.type)
    .header('Content-Disposition', contentDisposition('attachment', file.asciiName, file.name))
    .send(file.bytes);
}

/** Today's date for export file names (事项清单-2026-11-28.xlsx), in Shanghai time. */
export function fileStamp(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
