export { createWorkspaceService, type WorkspaceService } from './workspace.service';
export { workspaceRoutes } from './workspace.routes';
export { createDailyDigest, type DailyDigest } from './daily-digest';
