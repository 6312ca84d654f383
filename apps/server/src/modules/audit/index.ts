export { auditRoutes } from './audit.routes';
export { createAuditService, type AuditService } from './audit.service';
