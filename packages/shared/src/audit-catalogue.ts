/**
 * The one catalogue of audit actions, object types and changed-field names, in zh-CN and English, so the
 * audit page names what happened in the reader's language (登录成功, not `login_success`). Every action the
 * server writes must be here: `apps/server/test/unit/audit-action-catalogue.test.ts` collects them from the
 * code and fails on one without a name.
 */
interface Bilingual {
  zh: string;
  en: string;
}

const l = (zh: string, en: string): Bilingual => ({ zh, en });

export const AUDIT_ACTIONS = {
  // sign-in and sessions
  login_success: l('登录成功', 'Signed in'),
  login_failed: l('登录失败', 'Sign-in failed'),
  logout: l('退出登录', 'Signed out'),
  account_locked: l('账号锁定', 'Account locked'),
  account_unlock: l('解锁账号', 'Account unlocked'),
  session_kill: l('强制下线', 'Sessions ended'),
  display_token_created: l('创建大屏令牌', 'Display token created'),
  display_token_revoked: l('撤销大屏令牌', 'Display token revoked'),
  session_timeout: l('会话超时', 'Session timed out'),
  session_evicted: l('会话被挤下线', 'Session replaced'),
  password_change: l('修改密码', 'Password changed'),
  rate_limited: l('请求过于频繁被限制', 'Rate limit hit'),
  access_denied: l('越权访问被拒绝', 'Access denied'),
  // accounts (三员分立)
  user_create: l('创建账号', 'Account created'),
  user_enable: l('启用账号', 'Account enabled'),
  user_disable: l('停用账号', 'Account disabled'),
  user_roles_set: l('设置账号角色与范围', 'Account roles and scope set'),
  grant_request: l('申请账号授权', 'Account grant requested'),
  grant_batch_approve: l('批量审批账号申请', 'Bulk account requests approved'),
  user_bulk_create: l('批量创建两委成员账号', 'Committee member accounts created in bulk'),
  user_person_link: l('账号关联人员', 'Account linked to a person'),
  user_person_unlink: l('解除账号与人员关联', 'Account unlinked from its person'),
  grant_decide: l('审批账号授权', 'Account grant decided'),
  grant_approve: l('批准账号授权', 'Account grant approved'),
  grant_reject: l('驳回账号授权', 'Account grant rejected'),
  activation_issue: l('签发激活码', 'Activation code issued'),
  activation_failed: l('激活失败', 'Activation failed'),
  activation_locked: l('激活码锁定', 'Activation code locked'),
  account_activate: l('激活账号', 'Account activated'),
  // the trail and the system
  audit_search: l('查询审计日志', 'Audit trail searched'),
  audit_verify: l('校验审计链', 'Audit chain verified'),
  audit_export: l('导出审计日志', 'Audit trail exported'),
  audit_search_save: l('保存常用查询', 'Audit search saved'),
  audit_search_delete: l('删除常用查询', 'Saved audit search deleted'),
  integrity_violation: l('数据完整性告警', 'Integrity violation'),
  startup: l('系统启动', 'System started'),
  shutdown: l('系统停止', 'System stopped'),
  backup_created: l('创建备份', 'Backup created'),
  master_key_rotated: l('主密钥轮换', 'Master key rotated'),
  backup_restored: l('恢复备份', 'Backup restored'),
  webhook_set: l('设置推送地址', 'Webhook set'),
  webhook_clear: l('清除推送地址', 'Webhook cleared'),
  webhook_refused: l('推送地址被拒绝', 'Webhook refused'),
  calendar_override_set: l('设置工作日历调整', 'Calendar day set'),
  calendar_override_remove: l('删除工作日历调整', 'Calendar day removed'),
  policy_version_create: l('发布政策版本', 'Policy version created'),
  policy_version_cancel: l('撤销待生效政策版本', 'Scheduled policy version withdrawn'),
  // roster
  person_create: l('新增人员', 'Person added'),
  person_update: l('修改人员信息', 'Person edited'),
  person_import_create: l('导入新增人员', 'Person imported (new)'),
  person_import_update: l('导入更新人员', 'Person imported (update)'),
  person_dedupe_request: l('身份证号重复待核', 'Duplicate ID referred'),
  pii_reveal: l('查看敏感信息', 'Sensitive field viewed'),
  pii_reveal_limited: l('查看敏感信息超限', 'Sensitive field view limit hit'),
  roster_export: l('导出花名册', 'Roster exported'),
  import_upload: l('上传花名册', 'Roster file uploaded'),
  import_commit: l('提交花名册导入', 'Roster import committed'),
  lrmx_upload: l('上传任免审批表', 'Appointment form uploaded'),
  lrmx_rejected: l('任免审批表被拒收', 'Appointment form rejected'),
  lrmx_apply: l('采用任免审批表差异', 'Appointment form differences applied'),
  lrmx_export: l('导出任免审批表', 'Appointment form exported'),
  cadre_form_export: l('导出干部任免审批表', 'Cadre appointment form exported'),
  position_appoint: l('任职', 'Position appointed'),
  position_end: l('免职', 'Position ended'),
  seat_adjust: l('届中调整', 'Mid-term adjustment'),
  term_create: l('开启新一届', 'Term opened'),
  term_end: l('结束本届', 'Term ended'),
  term_seats_end: l('结束本届职务', 'Term seats ended'),
  // organizations
  org_create: l('新增组织', 'Organization created'),
  org_update: l('修改组织', 'Organization edited'),
  org_move: l('迁移组织', 'Organization moved'),
  org_merge: l('合并组织', 'Organizations merged'),
  org_split: l('拆分组织', 'Organization split'),
  org_deactivate: l('撤销组织', 'Organization dissolved'),
  org_seats_end: l('结束组织职务', 'Organization seats ended'),
  // elections
  election_create: l('创建换届选举', 'Election created'),
  campaign_create: l('创建换届工作', 'Campaign created'),
  campaign_timetable: l('设置换届时间表', 'Campaign timetable set'),
  campaign_step: l('推进换届步骤', 'Campaign step recorded'),
  campaign_candidate_add: l('添加候选人', 'Candidate added'),
  campaign_candidate_remove: l('移除候选人', 'Candidate removed'),
  campaign_vetting_check: l('资格联审', 'Candidate vetting'),
  campaign_objection: l('登记公示异议', 'Objection recorded'),
  campaign_objection_resolve: l('处理公示异议', 'Objection resolved'),
  campaign_results: l('录入选举结果', 'Election results entered'),
  campaign_finalize: l('完成换届', 'Campaign finalized'),
  structure_snapshot_create: l('冻结换届结构分析', 'Structure snapshot frozen'),
  // meetings
  meeting_create: l('新增见面会', 'Meeting created'),
  meeting_update: l('修改见面会', 'Meeting edited'),
  meeting_publish: l('发布会议纪要', 'Minutes published'),
  meeting_unpublish: l('撤回会议纪要', 'Minutes withdrawn'),
  meeting_series_create: l('新增见面会系列', 'Meeting series created'),
  // matters
  matter_raise: l('提出事项', 'Matter raised'),
  matter_dispatch: l('交办事项', 'Matter dispatched'),
  matter_sign: l('签收事项', 'Matter signed for'),
  matter_return: l('退回事项', 'Matter returned'),
  matter_uphold_return: l('同意退回', 'Return upheld'),
  matter_overrule_return: l('驳回退回', 'Return overruled'),
  matter_rule_co_return: l('裁定协办退回', 'Co-unit return ruled'),
  matter_progress: l('报送进展', 'Progress reported'),
  matter_co_reply: l('协办答复', 'Co-unit replied'),
  matter_request_extension: l('申请延期', 'Extension requested'),
  matter_decide_extension: l('审批延期', 'Extension decided'),
  matter_submit: l('提交办结', 'Submitted as done'),
  matter_accept: l('核查通过', 'Completion accepted'),
  matter_reject: l('核查退回', 'Completion rejected'),
  matter_rate: l('评价事项', 'Matter rated'),
  matter_reopen: l('重新办理', 'Matter reopened'),
  matter_close_dissatisfied: l('不满意办结', 'Closed dissatisfied'),
  matter_close_no_response: l('逾期未评价办结', 'Closed without rating'),
  matter_close_side: l('协办办结', 'Co-unit part closed'),
  matter_action_denied: l('越权办理被拒绝', 'Matter action refused'),
  matter_sweep: l('自动催办督办', 'Reminders and supervision issued'),
  matter_export: l('导出事项', 'Matters exported'),
  overdue_export: l('导出逾期事项', 'Overdue matters exported'),
  scorecard_export: l('导出单位考评', 'Scorecards exported'),
  matter_setting_set: l('修改事项设置', 'Matter setting changed'),
  matter_category_put: l('保存事项类别', 'Matter category saved'),
  matter_priority_put: l('保存事项等级', 'Matter priority saved'),
  // attachments
  attachment_upload: l('上传附件', 'Attachment uploaded'),
  attachment_download: l('下载附件', 'Attachment downloaded'),
  attachment_delete: l('删除附件', 'Attachment deleted'),
  attachment_rejected: l('附件被拒收', 'Attachment rejected'),
  // security policy, second factor, alerts
  login_password_ok: l('密码验证通过（待两步验证）', 'Password accepted (second factor next)'),
  password_reset: l('重置密码', 'Password reset'),
  password_expired: l('密码过期须修改', 'Password expired'),
  account_expired: l('长期未登录停用账号', 'Idle account disabled'),
  totp_setup: l('开始设置两步验证', 'Second factor set-up started'),
  totp_enrol: l('启用两步验证', 'Second factor enrolled'),
  totp_reset: l('重置两步验证', 'Second factor reset'),
  security_policy_change: l('修改安全策略', 'Security policy changed'),
  security_alert: l('安全告警', 'Security alert'),
  platform_settings_change: l('修改系统设置', 'Platform settings changed'),
  // the 薪火计划 pipeline
  person_rank_set: l('设置职级', 'Rank set'),
  pipeline_program_create: l('新建培养计划', 'Programme created'),
  pipeline_tier_create: l('新建培养层级', 'Tier created'),
  pipeline_rules_add: l('新增培养层级版本（资格条件与指标）', 'Tier version added (rules and terms)'),
  pipeline_tier_version_cancel: l('撤销待生效培养层级版本', 'Scheduled tier version withdrawn'),
  pipeline_cohort_create: l('新建批次', 'Cohort created'),
  pipeline_nominate: l('推荐人选', 'Candidate nominated'),
  pipeline_check_eligibility: l('资格审查', 'Eligibility checked'),
  pipeline_override: l('资格审查特批', 'Eligibility overridden'),
  pipeline_vet: l('组织考察', 'Candidate vetted'),
  pipeline_start_notice: l('开始任前公示', 'Public notice started'),
  pipeline_objection: l('受理公示异议', 'Objection recorded'),
  pipeline_objection_resolved: l('办结公示异议', 'Objection resolved'),
  pipeline_select: l('确定入选', 'Candidate selected'),
  pipeline_start_training: l('开始培养', 'Training started'),
  pipeline_assess: l('年度考核', 'Yearly assessment'),
  pipeline_place: l('选任到岗', 'Candidate placed'),
  pipeline_exit: l('退出培养', 'Candidate exited'),
  pipeline_export: l('导出培养人选', 'Candidates exported'),
  pipeline_trainee_link: l('关联培养对象账号', 'Trainee account linked'),
  pipeline_bench_add: l('列入接班人选', 'Successor put on the bench'),
  pipeline_succession_recommendation: l('推荐接任人选', 'Successor recommended'),
  pipeline_succession_decision: l('确定接任人选', 'Successor decided'),
  pipeline_succession_settings: l('设置接班预警年龄', 'Succession age threshold set'),
  pipeline_reminders: l('发送培养与培训提醒', 'Pipeline and training reminders sent'),
  pipeline_cohort_export: l('导出培养批次', 'Cohorts exported'),
  // training and the university class
  training_program_create: l('新建培训项目', 'Training programme created'),
  training_session_create: l('新建培训场次', 'Training session created'),
  training_enroll: l('培训报名', 'Enrolled for training'),
  training_sign_in: l('培训签到', 'Training sign-in'),
  training_feedback: l('培训评价', 'Training feedback'),
  training_hours_export: l('导出培训学时', 'Training hours exported'),
  training_requirement_set: l('设置学时要求', 'Hours requirement set'),
  univ_cohort_create: l('新建定制班', 'Class cohort created'),
  univ_student_add: l('定制班新增学员', 'Class student added'),
  univ_class_export: l('导出定制班', 'University class exported'),
} as const satisfies Record<string, Bilingual>;

export type AuditActionCode = keyof typeof AUDIT_ACTIONS;

/** The kinds of object a row concerns. */
export const AUDIT_OBJECT_TYPES = {
  display_token: l('大屏令牌', 'Display token'),
  person: l('人员', 'Person'),
  person_dedupe_request: l('重复核查', 'Duplicate check'),
  org: l('组织', 'Organization'),
  position: l('职务', 'Position'),
  term: l('届次', 'Term'),
  matter: l('事项', 'Matter'),
  matter_supervision: l('督办', 'Supervision'),
  matter_category: l('事项类别', 'Matter category'),
  matter_priority: l('事项等级', 'Matter priority'),
  matter_setting: l('事项设置', 'Matter setting'),
  meeting: l('见面会', 'Meeting'),
  meeting_series: l('见面会系列', 'Meeting series'),
  election: l('换届选举', 'Election'),
  campaign_org: l('换届单位', 'Campaign organization'),
  campaign_candidate: l('候选人', 'Candidate'),
  campaign_objection: l('公示异议', 'Objection'),
  structure_snapshot: l('结构分析快照', 'Structure snapshot'),
  attachment: l('附件', 'Attachment'),
  import_job: l('导入任务', 'Import job'),
  lrmx_session: l('任免审批表导入', 'Appointment form import'),
  user: l('账号', 'Account'),
  account_grant: l('账号授权', 'Account grant'),
  audit: l('审计日志', 'Audit trail'),
  backup: l('备份', 'Backup'),
  master_key: l('主密钥', 'Master key'),
  calendar: l('工作日历', 'Working calendar'),
  route: l('接口', 'Route'),
  security_policy: l('安全策略', 'Security policy'),
  platform_settings: l('系统设置', 'Platform settings'),
  security_alert: l('安全告警', 'Security alert'),
  pipeline_program: l('培养计划', 'Pipeline programme'),
  pipeline_tier: l('培养层级', 'Pipeline tier'),
  pipeline_cohort: l('培养批次', 'Pipeline cohort'),
  pipeline_candidate: l('培养人选', 'Pipeline candidate'),
  training_program: l('培训项目', 'Training programme'),
  training_session: l('培训场次', 'Training session'),
  training_requirement: l('学时要求', 'Hours requirement'),
  training_hours: l('培训学时', 'Training hours'),
  univ_cohort: l('定制村干班', 'University class cohort'),
} as const satisfies Record<string, Bilingual>;

/** Names of the fields a change row lists (person, organization, meeting edits). */
export const AUDIT_FIELDS: Record<string, Bilingual> = {
  name: l('姓名', 'Name'),
  gender: l('性别', 'Gender'),
  birthDate: l('出生日期', 'Date of birth'),
  ethnicity: l('民族', 'Ethnicity'),
  idNumber: l('身份证号', 'ID number'),
  phone: l('手机号', 'Phone'),
  fullTimeEducation: l('全日制学历', 'Full-time education'),
  inServiceEducation: l('在职学历', 'In-service education'),
  highestEducation: l('最高学历', 'Highest education'),
  degree: l('学位', 'Degree'),
  major: l('专业', 'Major'),
  politicalStatus: l('政治面貌', 'Political status'),
  partyJoinDate: l('入党时间', 'Joined the Party'),
  workStartDate: l('参加工作时间', 'Started work'),
  orgId: l('所在组织', 'Organization'),
  photo: l('照片', 'Photo'),
  title: l('标题', 'Title'),
  kind: l('类型', 'Kind'),
  subKind: l('细分类型', 'Sub-kind'),
  code: l('代码', 'Code'),
  partyOrgType: l('党组织类型', 'Party organization type'),
  field: l('字段', 'Field'),
  reason: l('理由', 'Reason'),
  'record.nativePlace': l('籍贯', 'Native place'),
  'record.birthPlace': l('出生地', 'Place of birth'),
  'record.photo': l('照片', 'Photo'),
  'record.education': l('学习经历', 'Education history'),
  'record.workHistory': l('简历', 'Work history'),
  'record.family': l('家庭成员', 'Family'),
  'record.rewardsPunishments': l('奖惩情况', 'Rewards and penalties'),
};

/** Fields whose values a change row never shows in clear (they are masked when written). */
export const AUDIT_SENSITIVE_FIELDS: readonly string[] = ['idNumber', 'phone', 'name'];

/**
 * A person's name as the trail records it: the surname and 某 for each further character (王某某), so an
 * auditor can tell rows apart without reading the roster's personal data.
 */
export function maskPersonName(name: string | null | undefined): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '';
  return chars[0] + '某'.repeat(Math.max(1, chars.length - 1));
}

function pick(label: Bilingual | undefined, code: string, lang: 'zh' | 'en'): string {
  return label ? label[lang] : code;
}

/** The name of an audit action in a language; an unknown code comes back as it is. */
export function auditActionLabel(code: string, lang: 'zh' | 'en'): string {
  return pick((AUDIT_ACTIONS as Record<string, Bilingual>)[code], code, lang);
}

export function auditObjectTypeLabel(code: string, lang: 'zh' | 'en'): string {
  return pick((AUDIT_OBJECT_TYPES as Record<string, Bilingual>)[code], code, lang);
}

export function auditFieldLabel(code: string, lang: 'zh' | 'en'): string {
  return pick(AUDIT_FIELDS[code], code, lang);
}
