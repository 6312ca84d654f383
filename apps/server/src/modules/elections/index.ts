export {
  createCampaignsService,
  type CampaignsService,
  type CreateCampaignInput,
  type TimetableInput,
  type AddCandidateOutcome,
} from './campaigns.service';
export { campaignRoutes } from './campaigns.routes';
export { createStructureReportService, type StructureReportService } from './structure-report.service';
export { structureReportRoutes } from './structure-report.routes';
