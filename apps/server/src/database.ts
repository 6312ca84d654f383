import type { AuditSavedSearchesTable } from './modules/audit/audit.tables';
import type { Kysely, Transaction } from 'kysely';
import type {
  OrgHistoryTable,
  OrgLineageTable,
  OrgNamesTable,
  OrgsTable,
  OrgTransfersTable,
} from './modules/org/org.tables';
import type {
  ElectionsTable,
  PersonDedupeRequestsTable,
  PersonsTable,
  PiiRevealQuotaTable,
  PositionsTable,
  SeatAdjustmentsTable,
  TermsTable,
} from './modules/people/people.tables';
import type {
  AccountActivationsTable,
  AccountGrantsTable,
  DisplayTokensTable,
  LoginChallengesTable,
  SecurityAlertsTable,
  SecurityPolicyTable,
  SessionsTable,
  UserRolesTable,
  UserScopesTable,
  UsersTable,
  UserTotpTable,
} from './modules/auth/auth.tables';
import type { PlatformDatabase } from './platform/platform-db';
import type { PlatformSettingsTable } from './modules/settings/settings.tables';
import type { UserPrefsTable } from './modules/workspace/workspace.tables';
import type {
  MeetingParticipantsTable,
  MeetingSeriesTable,
  MeetingsTable,
} from './modules/meetings/meetings.tables';
import type {
  DocCountersTable,
  MatterAssignmentsTable,
  MatterCategoriesTable,
  MatterEventsTable,
  MatterPrioritiesTable,
  MatterSettingsTable,
  MatterSupervisionsTable,
  MattersTable,
} from './modules/matters/matters.tables';

import type {
  AttachmentContentsTable,
  AttachmentThumbnailsTable,
  AttachmentsTable,
} from './modules/attachments/attachments.tables';
import type {
  ImportCheckedRowsTable,
  ImportJobsTable,
  ImportUploadsTable,
} from './modules/imports/imports.tables';
import type {
  CampaignCandidatesTable,
  CampaignObjectionsTable,
  CampaignOrgsTable,
  CampaignVettingChecksTable,
  CampaignVettingItemsTable,
  ElectionCampaignsTable,
} from './modules/elections/campaigns.tables';
import type { StructureSnapshotsTable } from './modules/elections/structure-report.tables';
import type { LrmxSessionsTable } from './modules/lrmx/lrmx.tables';
import type {
  TrainingEnrollmentsTable,
  TrainingHoursYearlyTable,
  TrainingLecturersTable,
  TrainingProgramsTable,
  TrainingRequirementsTable,
  TrainingSessionsTable,
  UnivCohortsTable,
  UnivStudentsTable,
} from './modules/training/training.tables';
import type {
  PipelineCandidatesTable,
  PipelineCandidateStepDates,
  PipelineCohortsTable,
  PipelineEventsTable,
  PipelineObjectionsTable,
  PipelineRemindersTable,
  PipelineProgramsTable,
  PipelineRuleSetsTable,
  PipelineRuleSetCancellationsTable,
  PipelineTiersTable,
} from './modules/pipeline/pipeline.tables';
import type {
  PipelineBenchTable,
  PipelineSuccessionRecordsTable,
} from './modules/pipeline/succession/succession.tables';

/** The whole schema as Kysely sees it: the platform's tables and each module's tables file. */
export interface Database extends PlatformDatabase {
  orgs: OrgsTable;
  org_history: OrgHistoryTable;
  org_names: OrgNamesTable;
  org_lineage: OrgLineageTable;
  org_transfers: OrgTransfersTable;
  persons: PersonsTable;
  person_dedupe_requests: PersonDedupeRequestsTable;
  pii_reveal_quota: PiiRevealQuotaTable;
  elections: ElectionsTable;
  terms: TermsTable;
  positions: PositionsTable;
  seat_adjustments: SeatAdjustmentsTable;
  election_campaigns: ElectionCampaignsTable;
  campaign_vetting_items: CampaignVettingItemsTable;
  campaign_orgs: CampaignOrgsTable;
  campaign_candidates: CampaignCandidatesTable;
  campaign_vetting_checks: CampaignVettingChecksTable;
  campaign_objections: CampaignObjectionsTable;
  import_jobs: ImportJobsTable;
  import_uploads: ImportUploadsTable;
  import_checked_rows: ImportCheckedRowsTable;
  structure_snapshots: StructureSnapshotsTable;
  lrmx_sessions: LrmxSessionsTable;
  users: UsersTable;
  user_prefs: UserPrefsTable;
  user_roles: UserRolesTable;
  user_scopes: UserScopesTable;
  sessions: SessionsTable;
  display_tokens: DisplayTokensTable;
  account_grants: AccountGrantsTable;
  account_activations: AccountActivationsTable;
  audit_saved_searches: AuditSavedSearchesTable;
  security_policy: SecurityPolicyTable;
  platform_settings: PlatformSettingsTable;
  user_totp: UserTotpTable;
  login_challenges: LoginChallengesTable;
  security_alerts: SecurityAlertsTable;
  meeting_series: MeetingSeriesTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  matter_categories: MatterCategoriesTable;
  matter_priorities: MatterPrioritiesTable;
  matter_settings: MatterSettingsTable;
  doc_counters: DocCountersTable;
  matters: MattersTable;
  matter_assignments: MatterAssignmentsTable;
  matter_events: MatterEventsTable;
  matter_supervisions: MatterSupervisionsTable;
  attachments: AttachmentsTable;
  attachment_contents: AttachmentContentsTable;
  attachment_thumbnails: AttachmentThumbnailsTable;
  training_programs: TrainingProgramsTable;
  training_sessions: TrainingSessionsTable;
  training_lecturers: TrainingLecturersTable;
  training_enrollments: TrainingEnrollmentsTable;
  training_requirements: TrainingRequirementsTable;
  training_hours_yearly: TrainingHoursYearlyTable;
  univ_cohorts: UnivCohortsTable;
  univ_students: UnivStudentsTable;
  pipeline_programs: PipelineProgramsTable;
  pipeline_tiers: PipelineTiersTable;
  pipeline_rule_sets: PipelineRuleSetsTable;
  pipeline_rule_set_cancellations: PipelineRuleSetCancellationsTable;
  pipeline_cohorts: PipelineCohortsTable;
  pipeline_candidates: PipelineCandidatesTable & PipelineCandidateStepDates;
  pipeline_events: PipelineEventsTable;
  pipeline_objections: PipelineObjectionsTable;
  pipeline_bench: PipelineBenchTable;
  pipeline_succession_records: PipelineSuccessionRecordsTable;
  pipeline_reminders: PipelineRemindersTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
