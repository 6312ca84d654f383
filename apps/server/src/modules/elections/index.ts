export {
  createCampaignsService,
  type CampaignsService,
  type CreateCampaignInput,
  type TimetableInput,
  type AddCandidateOutcome,
} from './campaigns.service';
export { campaignRoutes } from './campaigns.routes';
