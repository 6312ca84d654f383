export { createAttachmentService, type AttachmentService } from './attachments.service';
export { attachmentRoutes } from './attachments.routes';
