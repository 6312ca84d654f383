import type { Migration } from '../migrate';
import { foundation } from './2026-11-28-foundation';
import { meetingsMatters } from './2026-11-29-meetings-matters';
import { rosterRollup } from './2026-11-30-roster-rollup';
import { matterOpenIndex } from './2026-12-01-matter-open-index';
import { attachments } from './2026-12-02-attachments';
import { supervisionLadder } from './2026-12-03-supervision-ladder';
import { accountGrants } from './2026-12-04-account-grants';
import { personDedupe } from './2026-12-05-person-dedupe';
import { auditAnchor } from './2026-12-06-audit-anchor';
import { personRecord } from './2026-12-07-person-record';
import { seatChanges } from './2026-12-08-seat-changes';
import { importJobs } from './2026-12-09-import-jobs';
import { orgLineage } from './2026-12-10-org-lineage';
import { campaigns } from './2026-12-11-campaigns';
import { lrmxSessions } from './2026-12-11-lrmx-sessions';
import { structureSnapshots } from './2026-12-12-structure-snapshots';
import { importCheckedRows } from './2026-12-13-import-checked-rows';
import { authDataVersion } from './2026-12-14-auth-data-version';
import { personNameSort } from './2026-12-14-person-name-sort';
import { myWork } from './2026-12-15-my-work';
import { attachmentThumbnails } from './2026-12-16-attachment-thumbnails';
import { issuedDocuments } from './2026-12-17-issued-documents';
import { pipeline } from './2026-12-20-pipeline';
import { training } from './2026-12-21-training';
import { securityPolicy } from './2026-12-22-security-policy';
import { adminConsole } from './2026-12-23-admin-console';
import { userPrefs } from './2026-12-24-user-prefs';
import { mattersDataVersion } from './2026-12-24b-matters-version';
import { display } from './2026-12-29-display';
import { succession } from './2026-12-30-succession';
import { pipelineReminders } from './2026-12-31-pipeline-reminders';
import { policyVersions } from './2027-01-01-policy-versions';
import { adminLinks } from './2027-01-02-admin-links';
import { policyCancellations } from './2027-01-03-policy-cancellations';
import { pipelineStepIndex } from './2027-01-03-pipeline-step-index';
import { keyState } from './2027-01-04-key-state';
import { platformSettings } from './2027-01-05-platform-settings';
import { boardOrder } from './2027-01-06-board-order';
import { nameSearchTrigrams } from './2027-01-06b-name-search-trigrams';
import { pipelineTierVersions } from './2027-01-07-pipeline-tier-versions';
import { ruleSetDates } from './2027-01-08a-rule-set-dates';
import { categoryVersions } from './2027-01-08b-category-versions';
import { gradeTable } from './2027-01-08c-grade-table';
import { pipelineDataVersion } from './2027-01-09-pipeline-data-version';
import { pipelineSummaries } from './2027-01-11-pipeline-summaries';

/** Every migration, in order. Never edit an applied one: add a new file. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  meetingsMatters,
  rosterRollup,
  matterOpenIndex,
  attachments,
  supervisionLadder,
  accountGrants,
  personDedupe,
  auditAnchor,
  personRecord,
  seatChanges,
  importJobs,
  orgLineage,
  campaigns,
  lrmxSessions,
  structureSnapshots,
  importCheckedRows,
  authDataVersion,
  personNameSort,
  myWork,
  attachmentThumbnails,
  issuedDocuments,
  pipeline,
  training,
  securityPolicy,
  adminConsole,
  userPrefs,
  mattersDataVersion,
  display,
  succession,
  pipelineReminders,
  policyVersions,
  adminLinks,
  policyCancellations,
  pipelineStepIndex,
  keyState,
  platformSettings,
  boardOrder,
  nameSearchTrigrams,
  pipelineTierVersions,
  ruleSetDates,
  categoryVersions,
  gradeTable,
  pipelineDataVersion,
  pipelineSummaries,
];
