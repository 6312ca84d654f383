export { createStructureReportService, type StructureReportService } from './structure-report.service';
export { structureReportRoutes } from './structure-report.routes';
