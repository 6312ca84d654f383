export { createOrgService, type OrgService, type OrgDto, type CreateOrgInput } from './org.service';
export { orgRoutes } from './org.routes';
export { createLineageService, type LineageService } from './lineage.service';
