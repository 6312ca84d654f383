export { createImportsService, type ImportsService } from './imports.service';
export { importRoutes } from './imports.routes';
