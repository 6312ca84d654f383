export {
  createAttachmentService,
  type AttachmentService,
  type OwnerAccess,
  type OwnerAccessResolver,
} from './attachments.service';
export { attachmentRoutes } from './attachments.routes';
