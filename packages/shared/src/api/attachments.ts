import { z } from 'zod';
import { uuid } from './common';

/*
 * The contract of the attachment routes (/api/{matters|meetings}/:id/attachments…): request and response
 * schemas, used by the server to validate and serialize, by the web for its types, and for the OpenAPI
 * document. The upload body is raw bytes, not JSON: only its file-name header has a schema.
 */

export const attachmentOwnerParamsSchema = z.strictObject({ id: uuid });
export const attachmentFileParamsSchema = z.strictObject({ id: uuid, attachmentId: uuid });

export const attachmentDownloadQuerySchema = z.strictObject({
  disposition: z.enum(['attachment', 'inline']).optional(),
});

/** The file name, URL-encoded, of an upload. */
export const attachmentUploadHeadersSchema = z.object({ 'x-file-name': z.string().min(1).max(4000) });

/** A file attached to a matter or a meeting. */
export const attachmentItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  extension: z.string(),
  size: z.number(),
  uploaderName: z.string(),
  uploadedAt: z.string(),
  canDelete: z.boolean(),
});
export type AttachmentItem = z.infer<typeof attachmentItemSchema>;

export const attachmentListSchema = z.object({
  items: z.array(attachmentItemSchema),
  canUpload: z.boolean(),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;
