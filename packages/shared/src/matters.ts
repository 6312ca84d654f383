/**
 * Vocabulary of secretaries' meetings and the matter loop (交办 / 督办 / 查办), shared by server and web.
 * Categories and priority tiers are data on the server; the seeds and labels of the fixed enums live here.
 */

type Label = { readonly zh: string; readonly en: string };

/** Matter states. `closed` carries an outcome: solved, or one of the side exits. */
export const MATTER_STATES = [
  'registered',
  'dispatched',
  'returned',
  'in_progress',
  'submitted',
  'awaiting_feedback',
  'dissatisfied',
  'closed',
] as const;
export type MatterState = (typeof MATTER_STATES)[number];

/** Open states: the matter is still somewhere in the loop. */
export const OPEN_MATTER_STATES: readonly MatterState[] = MATTER_STATES.filter((s) => s !== 'closed');

/** Every action of the workflow; the server answers which of them the caller may take now. */
export const MATTER_ACTIONS = [
  'dispatch',
  'sign',
  'return',
  'uphold_return',
  'overrule_return',
  'rule_co_return',
  'progress',
  'co_reply',
  'request_extension',
  'decide_extension',
  'submit',
  'accept',
  'reject',
  'rate',
  'reopen',
  'close_dissatisfied',
  'close_no_response',
  'close_side',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

/** How a caller relates to one matter; the state machine grants actions to parties, not to roles. */
export const MATTER_PARTIES = ['dispatcher', 'lead', 'co_unit', 'verifier', 'raiser', 'system'] as const;
export type MatterParty = (typeof MATTER_PARTIES)[number];

export const MATTER_OUTCOMES = ['solved', 'not_responsible', 'duplicate', 'explained'] as const;
export type MatterOutcome = (typeof MATTER_OUTCOMES)[number];
/** Closed without being solved; kept apart from "solved" in every statistic. */
export const SIDE_EXIT_OUTCOMES = ['not_responsible', 'duplicate', 'explained'] as const;
export type SideExitOutcome = (typeof SIDE_EXIT_OUTCOMES)[number];

/** 满意 / 基本满意 / 不满意, plus "no response" when the raiser did not answer in time (kept distinct). */
export const SATISFACTION_VALUES = ['satisfied', 'basic', 'dissatisfied', 'no_response'] as const;
export type Satisfaction = (typeof SATISFACTION_VALUES)[number];
export const RATING_VALUES = ['satisfied', 'basic', 'dissatisfied'] as const;
export type Rating = (typeof RATING_VALUES)[number];

export const MATTER_SOURCES = ['meeting', 'direct', 'on_behalf'] as const;
export type MatterSource = (typeof MATTER_SOURCES)[number];

export const ASSIGNMENT_ROLES = ['lead', 'co'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
/** pending = awaiting 签收; withdrawn = return upheld (no longer assigned); done = reply accepted. */
export const ASSIGNMENT_STATUSES = [
  'pending',
  'signed',
  'returned',
  'withdrawn',
  'submitted',
  'done',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** The supervision ladder: a reminder before the deadline, then 催办 → 督办单 → 通报 once overdue. */
export const SUPERVISION_KINDS = ['due_soon', 'sign_overdue', 'urge', 'supervise', 'circulate'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/** The dispatcher's ruling on a unit's return (退单): upheld (reassigned) or overruled (back to the unit). */
export const RETURN_RULINGS = ['upheld', 'overruled'] as const;
export type ReturnRuling = (typeof RETURN_RULINGS)[number];

/**
 * What a timeline entry records: the raising of the matter, every action of the machine, and each
 * supervision step the sweep takes. Built from those lists, so a new action is a timeline action too.
 */
export type MatterEventAction = 'raise' | MatterAction | SupervisionKind;
/** A timeline entry's states: 'none' before the matter existed (its raising), else a matter state. */
export type MatterEventState = 'none' | MatterState;

export const MEETING_HOST_LEVELS = ['city', 'town', 'organ'] as const;
export type MeetingHostLevel = (typeof MEETING_HOST_LEVELS)[number];
export const PARTICIPANT_ROLES = ['host', 'speaker', 'attendee', 'guest'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const MEETING_CADENCES = ['quarterly', 'monthly', 'adhoc'] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];

export const NOTIFICATION_KINDS = [
  'matter_registered',
  'matter_assigned',
  'matter_signed',
  'matter_returned',
  'return_ruled',
  'co_replied',
  'extension_requested',
  'extension_decided',
  'matter_submitted',
  'matter_verified',
  'matter_rejected',
  'feedback_requested',
  'matter_dissatisfied',
  'matter_reopened',
  'matter_closed',
  'due_soon',
  'sign_overdue',
  'urge',
  'supervise',
  'circulate',
  'security_alert',
  // 薪火计划 and training reminders (the daily pipeline sweep; an objection at once).
  'pipeline_notice_ending',
  'pipeline_objection',
  'training_session_reminder',
  'training_hours_shortfall',
  'pipeline_training_ending',
  'pipeline_seat_at_risk',
  // The optional daily digest of My work (at the administrator's digest hour, to users who opt in).
  'daily_digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who among an org's users a notification is for (users see those of the orgs they are scoped to). */
/** `security`: no reader in the app; the org's webhook only (denial-burst alerts to the city's channel). */
/** `talent`: the org's pipeline and training desk (those who nominate, run the pipeline or the training). */
export const NOTIFICATION_AUDIENCES = [
  'handler',
  'dispatcher',
  'raiser',
  'leader',
  'security',
  'talent',
] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

/** The categories a fresh database starts with (the list is data and can grow). */
export const SEED_MATTER_CATEGORIES: readonly ({ code: string } & Label)[] = [
  { code: 'village_economy', zh: '村级经济发展', en: 'Village economic development' },
  { code: 'beautiful_village', zh: '美丽乡村建设', en: 'Beautiful village construction' },
  { code: 'burden_reduction', zh: '基层减负减压', en: 'Reducing grassroots burden' },
  { code: 'cadre_exchange', zh: '镇村干部交流', en: 'Town–village cadre exchange' },
  { code: 'other', zh: '其他', en: 'Other' },
];

/** The priority tiers a fresh database starts with: the tier sets the handling deadline in working days. */
export const SEED_MATTER_PRIORITIES: readonly ({ code: string; handleWorkdays: number } & Label)[] = [
  { code: 'urgent', zh: '紧急', en: 'Urgent', handleWorkdays: 3 },
  { code: 'normal', zh: '一般', en: 'Normal', handleWorkdays: 10 },
  { code: 'complex', zh: '复杂', en: 'Complex', handleWorkdays: 20 },
];

/** Thresholds of the loop, all in working days; rows in matter_settings, these are the seeds. */
export const SEED_MATTER_SETTINGS = {
  sign_for_workdays: 1,
  due_soon_workdays: 2,
  urge_overdue_workdays: 1,
  supervise_overdue_workdays: 3,
  circulate_overdue_workdays: 5,
  feedback_workdays: 5,
  assign_doc_prefix: '张组交',
  supervise_doc_prefix: '张组督',
} as const;
export type MatterSettingKey = keyof typeof SEED_MATTER_SETTINGS;

export const MATTER_LABELS = {
  state: {
    registered: { zh: '已登记', en: 'Registered' },
    dispatched: { zh: '已交办待签收', en: 'Assigned, awaiting sign-for' },
    returned: { zh: '已退单待裁定', en: 'Returned, awaiting ruling' },
    in_progress: { zh: '办理中', en: 'In progress' },
    submitted: { zh: '已办结待核查', en: 'Resolution submitted, awaiting verification' },
    awaiting_feedback: { zh: '待回访评价', en: 'Awaiting satisfaction feedback' },
    dissatisfied: { zh: '不满意待复核', en: 'Dissatisfied, under review' },
    closed: { zh: '已销号', en: 'Closed' },
  },
  action: {
    dispatch: { zh: '交办', en: 'Assign' },
    sign: { zh: '签收', en: 'Sign for' },
    return: { zh: '退单', en: 'Return' },
    uphold_return: { zh: '退单成立并改派', en: 'Uphold return and reassign' },
    overrule_return: { zh: '退单不成立', en: 'Overrule return' },
    rule_co_return: { zh: '裁定协办退单', en: 'Rule on co-unit return' },
    progress: { zh: '报送进展', en: 'Report progress' },
    co_reply: { zh: '协办答复', en: 'Co-unit reply' },
    request_extension: { zh: '申请延期', en: 'Request extension' },
    decide_extension: { zh: '审批延期', en: 'Decide extension' },
    submit: { zh: '提交办结', en: 'Submit resolution' },
    accept: { zh: '核查通过', en: 'Accept' },
    reject: { zh: '核查退回重办', en: 'Reject (re-handle)' },
    rate: { zh: '满意度评价', en: 'Rate' },
    reopen: { zh: '重新办理', en: 'Reopen' },
    close_dissatisfied: { zh: '复核后销号', en: 'Close after review' },
    close_no_response: { zh: '逾期未评价销号', en: 'Close: no response' },
    close_side: { zh: '不予办理销号', en: 'Close without solving' },
  },
  party: {
    dispatcher: { zh: '交办方', en: 'Dispatcher' },
    lead: { zh: '牵头单位', en: 'Lead unit' },
    co_unit: { zh: '协办单位', en: 'Co-unit' },
    verifier: { zh: '核查方', en: 'Verifier' },
    raiser: { zh: '提出人', en: 'Raiser' },
    system: { zh: '系统', en: 'System' },
  },
  outcome: {
    solved: { zh: '已解决', en: 'Solved' },
    not_responsible: { zh: '非职责范围', en: 'Not our responsibility' },
    duplicate: { zh: '重复事项', en: 'Duplicate' },
    explained: { zh: '解释说明', en: 'Explained' },
  },
  satisfaction: {
    satisfied: { zh: '满意', en: 'Satisfied' },
    basic: { zh: '基本满意', en: 'Basically satisfied' },
    dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
    no_response: { zh: '未评价', en: 'No response' },
  },
  source: {
    meeting: { zh: '见面会提出', en: 'Raised at a meeting' },
    direct: { zh: '书记直接提出', en: 'Raised directly' },
    on_behalf: { zh: '代为登记', en: 'Entered on behalf' },
  },
  assignmentRole: { lead: { zh: '牵头', en: 'Lead' }, co: { zh: '协办', en: 'Co-unit' } },
  assignmentStatus: {
    pending: { zh: '待签收', en: 'Awaiting sign-for' },
    signed: { zh: '已签收', en: 'Signed for' },
    returned: { zh: '已退单', en: 'Returned' },
    withdrawn: { zh: '已改派', en: 'Withdrawn' },
    submitted: { zh: '已答复', en: 'Replied' },
    done: { zh: '已完成', en: 'Done' },
  },
  supervision: {
    due_soon: { zh: '到期提醒', en: 'Due-soon reminder' },
    sign_overdue: { zh: '签收超时提醒', en: 'Sign-for overdue' },
    urge: { zh: '催办', en: 'Urge' },
    supervise: { zh: '督办', en: 'Supervision order' },
    circulate: { zh: '通报', en: 'Circulated notice' },
  },
  hostLevel: {
    city: { zh: '市级', en: 'City' },
    town: { zh: '镇级', en: 'Town' },
    organ: { zh: '机关', en: 'Government organ' },
  },
  participantRole: {
    host: { zh: '主持', en: 'Host' },
    speaker: { zh: '发言', en: 'Speaker' },
    attendee: { zh: '参会', en: 'Attendee' },
    guest: { zh: '列席', en: 'Guest' },
  },
  notification: {
    matter_registered: { zh: '新登记事项待交办', en: 'New matter awaiting assignment' },
    matter_assigned: { zh: '新交办事项', en: 'New matter assigned' },
    matter_signed: { zh: '事项已签收', en: 'Matter signed for' },
    matter_returned: { zh: '事项被退单', en: 'Matter returned' },
    return_ruled: { zh: '退单已裁定', en: 'Return ruled' },
    co_replied: { zh: '协办单位已答复', en: 'Co-unit replied' },
    extension_requested: { zh: '延期申请待审批', en: 'Extension requested' },
    extension_decided: { zh: '延期申请已审批', en: 'Extension decided' },
    matter_submitted: { zh: '事项已办结待核查', en: 'Resolution submitted' },
    matter_verified: { zh: '事项核查通过', en: 'Resolution accepted' },
    matter_rejected: { zh: '事项核查退回重办', en: 'Resolution rejected' },
    feedback_requested: { zh: '请对办理结果评价', en: 'Please rate the result' },
    matter_dissatisfied: { zh: '提出人不满意', en: 'Raiser dissatisfied' },
    matter_reopened: { zh: '事项重新办理', en: 'Matter reopened' },
    matter_closed: { zh: '事项已销号', en: 'Matter closed' },
    due_soon: { zh: '事项即将到期', en: 'Matter due soon' },
    sign_overdue: { zh: '事项超时未签收', en: 'Sign-for overdue' },
    urge: { zh: '催办通知', en: 'Urge notice' },
    supervise: { zh: '督办单', en: 'Supervision order' },
    circulate: { zh: '逾期通报', en: 'Overdue circulated to the leader' },
    security_alert: { zh: '安全告警', en: 'Security alert' },
    pipeline_notice_ending: { zh: '任前公示即将期满', en: 'Public notice ending' },
    pipeline_objection: { zh: '公示期间收到异议', en: 'Objection raised during the notice' },
    training_session_reminder: { zh: '明日培训提醒', en: 'Training session tomorrow' },
    training_hours_shortfall: { zh: '年度培训学时不足', en: 'Yearly training hours short' },
    pipeline_training_ending: { zh: '培养期即将届满', en: 'Training period ending' },
    pipeline_seat_at_risk: { zh: '书记岗位接班风险', en: 'Secretary seats at risk' },
    daily_digest: { zh: '每日待办汇总', en: 'Daily digest' },
  },
} as const satisfies Record<string, Record<string, Label>>;

/** 张组交〔2026〕12号: the official number of an assignment or supervision order. */
export function formatDocNo(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}
