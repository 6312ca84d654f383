/** One catalogue of error codes: HTTP status and the message in each UI language. */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的数据有误，请检查标出的字段',
    en: 'Some fields are invalid; please check them',
  },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误，或账号暂不可用',
    en: 'Wrong username or password, or the account is unavailable',
  },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已超时，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
  DISPLAY_TOKEN_INVALID: {
    status: 401,
    zh: '大屏令牌无效或已撤销，请联系系统管理员重新生成',
    en: 'The display token is invalid or has been revoked; ask the system administrator for a new one',
  },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You do not have permission to do this' },
  CSRF_ORIGIN_MISMATCH: { status: 403, zh: '请求来源不受信任', en: 'The request origin is not trusted' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码',
    en: 'Please change your initial password first',
  },
  NOT_FOUND: { status: 404, zh: '未找到该记录，或无权查看', en: 'Not found, or you have no access' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  SETTINGS_STALE: {
    status: 409,
    zh: '系统设置在您打开后已被其他管理员修改，未保存；请刷新页面查看最新设置后再修改',
    en: 'Another administrator changed the platform settings after you opened them; nothing was saved. Reload to see the latest settings, then make your change again',
  },
  DUPLICATE: { status: 409, zh: '记录已存在', en: 'This record already exists' },
  PERSON_ID_NUMBER_TAKEN: {
    status: 409,
    zh: '该身份证号已登记，如需核查请联系市委组织部',
    en: 'This ID number is already registered; contact the city organization department to check',
  },
  // Not an error: the answer (202) when an ID number must be checked by the city; it names no one.
  PERSON_CITY_REVIEW: {
    status: 202,
    zh: '该身份证号需市级核查，已提交市委组织部核对',
    en: 'This ID number needs a city-level check; it has been sent to the city organization department',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'This username is taken' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '仅接受 JSON 格式的请求',
    en: 'Only JSON requests are accepted',
  },
  PASSWORD_POLICY: { status: 400, zh: '密码不符合安全策略', en: 'The password does not meet the policy' },
  PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  AUTH_TERMINAL_NOT_ALLOWED: {
    status: 403,
    zh: '管理员账号只能从指定的管理终端登录',
    en: 'Administrator accounts may sign in only from the designated management terminals',
  },
  TOTP_REQUIRED: {
    status: 403,
    zh: '请先设置两步验证',
    en: 'Please set up two-step verification first',
  },
  TOTP_INVALID: { status: 400, zh: '验证码不正确或已使用', en: 'The code is wrong or has already been used' },
  TOTP_CHALLENGE_EXPIRED: {
    status: 401,
    zh: '登录已超时，请重新输入密码',
    en: 'The sign-in has timed out; please enter your password again',
  },
  TOTP_NOT_PENDING: {
    status: 409,
    zh: '请先生成新的两步验证密钥',
    en: 'Start the two-step verification setup first',
  },
  ORG_INVALID_PARENT: {
    status: 400,
    zh: '上级组织不符合层级要求',
    en: 'This parent organization is not allowed here',
  },
  ORG_MOVE_INTO_SELF: {
    status: 400,
    zh: '不能移动到自身或下级组织之下',
    en: 'An organization cannot move under itself or its descendants',
  },
  ORG_INACTIVE: { status: 400, zh: '该组织已撤销', en: 'This organization has been deactivated' },
  ORG_HAS_ACTIVE_CHILDREN: {
    status: 400,
    zh: '该组织仍有在用的下级组织',
    en: 'This organization still has active child organizations',
  },
  ORG_EFFECTIVE_DATE_INVALID: {
    status: 400,
    zh: '生效日期无效：不能晚于今天，也不能早于该组织的成立日期或上一次变更',
    en: 'Invalid effective date: it cannot be in the future or before the organization existed or last changed',
  },
  ORG_LINEAGE_INVALID: {
    status: 400,
    zh: '合并或拆分只能用于本市在用的村（社区），且至少涉及两个不同的组织',
    en: 'Merges and splits apply only to active villages (communities) and involve at least two different organizations',
  },
  PERSON_ID_MISMATCH: {
    status: 400,
    zh: '出生日期或性别与身份证号不一致',
    en: 'Birth date or gender does not match the ID number',
  },
  POSITION_OVERLAP: {
    status: 409,
    zh: '该人员在同一届次已担任此职务',
    en: 'This person already holds this position in the term',
  },
  // Terms and seats (issue 9): illegal transitions of a term or a seat.
  SEAT_ROLE_TAKEN: {
    status: 409,
    zh: '该班子在此期间已有人担任此职务（书记、主任同一时间只能有一人）',
    en: 'Someone already holds this post in the committee in that period (one secretary or director at a time)',
  },
  SEAT_ALREADY_ENDED: {
    status: 409,
    zh: '该任职已结束，不能再次免职或调整',
    en: 'This seat has already ended; it cannot be ended or adjusted again',
  },
  TERM_ENDED: {
    status: 409,
    zh: '该届次已结束，不能再任职或调整',
    en: 'This term has ended; no one can be appointed or adjusted in it',
  },
  TERM_OVERLAP: {
    status: 409,
    zh: '该组织的同一班子在此期间已有一届',
    en: 'The committee of this organization already has a term in that period',
  },
  // The term election campaign (换届, issue 9): steps refused by the workflow or its checks.
  CAMPAIGN_ILLEGAL_STEP: {
    status: 409,
    zh: '该村（社区）换届当前所处阶段不允许此操作，请刷新后查看',
    en: "This step is not possible at the organization's current election stage; reload to see it",
  },
  CAMPAIGN_NO_CANDIDATES: {
    status: 422,
    zh: '尚未提名候选人，不能进入资格联审',
    en: 'No candidate has been nominated yet; vetting cannot start',
  },
  CAMPAIGN_CANDIDATE_DUPLICATE: {
    status: 409,
    zh: '该人员已是此职位的候选人',
    en: 'This person is already a candidate for this post',
  },
  CAMPAIGN_VETTING_INCOMPLETE: {
    status: 422,
    zh: '资格联审尚未完成：每名候选人的每一项负面清单都须审查后才能公示',
    en: 'The joint vetting is not complete: every item of the negative list must be checked for every candidate before the notice',
  },
  CAMPAIGN_CANDIDATE_FAILED_VETTING: {
    status: 422,
    zh: '该候选人未通过资格联审，不能继续',
    en: 'This candidate failed the joint vetting and cannot proceed',
  },
  PIPELINE_ILLEGAL_STEP: {
    status: 409,
    zh: '候选人当前所处环节不允许此操作',
    en: 'This step is not allowed in the candidate’s current stage',
  },
  PIPELINE_NOT_ELIGIBLE: {
    status: 422,
    zh: '资格审查未通过：须由有权限的人员填写理由破格后方可继续',
    en: 'The eligibility check failed: an authorised user must override it with a written reason first',
  },
  PIPELINE_ALREADY_CANDIDATE: {
    status: 409,
    zh: '该人员已是本层级的在选候选人',
    en: 'This person is already an open candidate of this tier',
  },
  PIPELINE_NOTICE_NOT_ENDED: {
    status: 422,
    zh: '任前公示期尚未结束，不能确定人选',
    en: 'The pre-appointment notice has not ended yet; the candidate cannot be selected',
  },
  PIPELINE_OBJECTIONS_OPEN: {
    status: 422,
    zh: '公示期间收到的异议尚未全部处理，不能确定人选',
    en: 'Objections raised during the notice are not all resolved; the candidate cannot be selected',
  },
  PIPELINE_OBJECTION_RESOLVED: {
    status: 409,
    zh: '该异议已处理',
    en: 'This objection has already been resolved',
  },
  PIPELINE_NO_PARTY_TERM: {
    status: 422,
    zh: '该村在任职日期没有进行中的党组织届次，无法任职',
    en: 'The village has no party committee term running on that date; the appointment cannot be made',
  },
  CAMPAIGN_NOTICE_TOO_LATE: {
    status: 422,
    zh: '公示期须在选举日之前结束，请提前公示开始日期或调整选举日',
    en: 'The notice must end before the election day; start it earlier or move the election day',
  },
  CAMPAIGN_NOTICE_NOT_ENDED: {
    status: 422,
    zh: '候选人公示期尚未结束，不能录入选举结果',
    en: 'The candidate notice has not ended yet; results cannot be entered',
  },
  CAMPAIGN_OBJECTIONS_OPEN: {
    status: 422,
    zh: '公示期间收到的异议尚未全部处理',
    en: 'Objections received during the notice are not all resolved',
  },
  CAMPAIGN_OBJECTION_RESOLVED: {
    status: 409,
    zh: '该异议已处理',
    en: 'This objection has already been resolved',
  },
  CAMPAIGN_RESULTS_INCOMPLETE: {
    status: 422,
    zh: '尚有候选人未录入选举结果，或班子没有当选人员',
    en: 'Some candidates have no result yet, or a committee has no one elected',
  },
  CAMPAIGN_SEAT_OVERFILLED: {
    status: 422,
    zh: '书记、主任每个职位只能有一人当选，同一人在同一班子只能当选一个职务',
    en: 'Only one person can be elected secretary or director, and one person to one post per committee',
  },
  ACCOUNT_ROLE_CONFLICT: {
    status: 422,
    zh: '系统、安全、审计管理员角色只能单独授予，不能与其他任何角色兼任',
    en: 'A system, security or audit administrator role is held alone, never combined with another role',
  },
  ACCOUNT_ADMIN_SCOPE: {
    status: 422,
    zh: '系统、安全、审计管理员不设组织范围',
    en: 'System, security and audit administrators have no organization scope',
  },
  ACCOUNT_SELF_DISABLE: {
    status: 409,
    zh: '不能停用自己的账号',
    en: 'You cannot disable your own account',
  },
  ACCOUNT_LAST_ADMIN: {
    status: 409,
    zh: '这是该管理员角色最后一个在用的账号，不能停用；请先启用另一名同角色管理员',
    en: 'This is the last active account with this administrator role; another must be active before it can be disabled',
  },
  GRANT_SELF_APPROVAL: {
    status: 403,
    zh: '不能审批自己提出或涉及自己账号的申请',
    en: 'You cannot decide a request you made or one about your own account',
  },
  GRANT_WRONG_PARTY: {
    status: 403,
    zh: '此申请须由另一方审批：系统管理员的申请由安全管理员审批，组织部的申请由系统管理员执行',
    en: "This request is decided by the other party: the security administrator approves the system administrator's requests, the system administrator executes the organization department's",
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    zh: 'Idempotency-Key 请求头格式不正确（8–128 位字母、数字或 _ . : -）',
    en: 'The Idempotency-Key header is malformed (8–128 letters, digits or _ . : -)',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '同一提交仍在处理中，请稍候刷新查看结果',
    en: 'The same submission is still being processed; reload shortly to see its result',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该提交标识已用于另一份不同的内容，请重新提交',
    en: 'This submission key was already used with different content; please submit again',
  },
  ACCOUNT_ENABLE_NOT_NEEDED: {
    status: 409,
    zh: '该账号已在用，无需启用',
    en: 'This account is already active',
  },
  GRANT_NOT_PENDING: {
    status: 409,
    zh: '该申请已处理，请刷新后查看',
    en: 'This request has already been decided; reload to see it',
  },
  PERSON_LINK_TAKEN: {
    status: 409,
    zh: '该人员已关联另一个账号，请先解除原关联',
    en: 'This person is already linked to another account; unlink it first',
  },
  BULK_MEMBER_INVALID: {
    status: 409,
    zh: '所选人员中有人已不是该镇的两委成员或已有账号，请刷新后重试',
    en: 'Someone selected is no longer a committee member of this town or already has an account; reload and try again',
  },
  BATCH_NOTHING_PENDING: {
    status: 409,
    zh: '这批账号申请已全部处理',
    en: 'No request of this batch is awaiting a decision',
  },
  AUDIT_EXPORT_TOO_MANY: {
    status: 413,
    zh: '一次最多导出 100,000 条审计记录，请缩小时间范围或增加筛选条件',
    en: 'At most 100,000 audit records can be exported at once; narrow the dates or add filters',
  },
  SAVED_SEARCH_NAME_TAKEN: {
    status: 409,
    zh: '已有同名的常用查询',
    en: 'A saved search with this name exists',
  },
  GRANT_PENDING_EXISTS: {
    status: 409,
    zh: '该账号已有待审批的申请，请等待处理后再提交',
    en: 'This account already has a request awaiting a decision',
  },
  GRANT_ROLE_NOT_ALLOWED: {
    status: 403,
    zh: '组织部只能为镇、村、承办单位和领导账号申请业务角色',
    en: 'The organization department may request only town, village, department-handler and leader roles',
  },
  GRANT_SCOPE_NOT_ALLOWED: {
    status: 403,
    zh: '申请的组织范围超出了您的权限范围',
    en: 'The requested organization scope lies outside your own scope',
  },
  ACTIVATION_INVALID: {
    status: 400,
    zh: '用户名或激活码不正确，或激活码已过期、已使用',
    en: 'Wrong username or activation code, or the code has expired or been used',
  },
  MATTER_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '事项当前状态不允许此操作，请刷新后查看',
    en: "This action is not possible in the matter's current state; reload to see it",
  },
  MATTER_ACTION_FORBIDDEN: {
    status: 403,
    zh: '您不是可执行此操作的一方',
    en: 'You are not a party who may take this action on the matter',
  },
  MATTER_REASON_REQUIRED: {
    status: 400,
    zh: '此操作需要填写理由或说明',
    en: 'This action needs a reason or a written note',
  },
  MATTER_ALREADY_SIGNED: {
    status: 409,
    zh: '本单位已签收或已退单，不能重复操作',
    en: 'Your unit has already signed for or returned this matter',
  },
  MATTER_NOT_SIGNED: {
    status: 409,
    zh: '本单位尚未签收该事项',
    en: 'Your unit has not signed for this matter yet',
  },
  MATTER_NO_RETURN_PENDING: {
    status: 409,
    zh: '没有待裁定的退单',
    en: 'There is no return awaiting a ruling',
  },
  MATTER_EXTENSION_PENDING: {
    status: 409,
    zh: '已有延期申请待审批',
    en: 'An extension request is already awaiting a decision',
  },
  MATTER_NO_EXTENSION_PENDING: {
    status: 409,
    zh: '没有待审批的延期申请',
    en: 'There is no extension request to decide',
  },
  MATTER_UNIT_INVALID: {
    status: 400,
    zh: '承办单位不可用：须为本市部门、机关或事项所在镇',
    en: "Not a valid handling unit: use a department or organ of the city, or the matter's own town",
  },
  MATTER_DEADLINE_INVALID: {
    status: 400,
    zh: '办理期限不合理：须晚于今天且不早于现有期限',
    en: 'The deadline must be after today and not before the current one',
  },
  MATTER_DEADLINE_OUT_OF_RANGE: {
    status: 400,
    zh: '日期超出允许范围：期限须在今天起两年以内（且不早于 31 天前），请检查标出的字段',
    en: 'Date out of range: a deadline must be within two years from today (and not more than 31 days ago); check the field named',
  },
  MATTER_VILLAGE_INVALID: {
    status: 400,
    zh: '事项须属于本人权限内的村（社区）',
    en: 'A matter must belong to a village in your scope',
  },
  EFFECTIVE_DATE_PAST: {
    status: 400,
    zh: '生效日期不能早于今天：已计算的期限不随之改变',
    en: 'The effective date cannot be before today: deadlines already computed do not change',
  },
  POLICY_VERSION_NOT_SCHEDULED: {
    status: 409,
    zh: '只能撤销待生效的版本：已生效、已被取代或已撤销的版本不能撤销',
    en: 'Only a scheduled version can be withdrawn: one in force, superseded or already withdrawn cannot',
  },
  CALENDAR_DATE_PAST: {
    status: 400,
    zh: '不能调整今天以前的日期',
    en: 'A day before today cannot be changed',
  },
  MATTER_CATEGORY_INVALID: {
    status: 400,
    zh: '事项类别或紧急程度不在可选范围内',
    en: 'Unknown or inactive matter category or priority',
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    zh: '附件不能超过 10 MB',
    en: 'An attachment may be at most 10 MB',
  },
  ATTACHMENT_EMPTY: { status: 400, zh: '附件是空文件', en: 'The attachment is an empty file' },
  ATTACHMENT_NAME_INVALID: {
    status: 400,
    zh: '文件名无效，请重命名后再上传',
    en: 'The file name is not usable; rename the file and try again',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '仅支持 PDF、图片（JPG/PNG/WebP）、Word、Excel、PowerPoint 和 TXT 文件',
    en: 'Only PDF, images (JPG/PNG/WebP), Word, Excel, PowerPoint and TXT files are accepted',
  },
  ATTACHMENT_CONTENT_MISMATCH: {
    status: 415,
    zh: '文件内容与扩展名不符，或文件已损坏',
    en: 'The file content does not match its extension, or the file is damaged',
  },
  ATTACHMENT_MACROS: {
    status: 415,
    zh: '不接受含宏的 Office 文件，请另存为不含宏的格式',
    en: 'Office files with macros are not accepted; save without macros',
  },
  ATTACHMENT_LIMIT_REACHED: {
    status: 409,
    zh: '附件数量已达上限（20 个），请先删除不需要的附件',
    en: 'The limit of 20 attachments is reached; delete one first',
  },
  ATTACHMENT_READ_ONLY: {
    status: 409,
    zh: '事项已办结，附件不能再修改',
    en: 'The matter is closed; its attachments can no longer change',
  },
  ATTACHMENT_INTEGRITY: {
    status: 500,
    zh: '附件校验失败，已记录，请联系管理员',
    en: 'The attachment failed its integrity check; this was logged, contact an administrator',
  },
  // Excel import (platform/excel): what makes an uploaded workbook unreadable as a whole.
  EXCEL_NOT_XLSX: {
    status: 415,
    zh: '文件不是 Excel 工作簿（.xlsx），或已损坏；旧版 .xls 请另存为 .xlsx',
    en: 'The file is not an Excel workbook (.xlsx), or it is damaged; save legacy .xls files as .xlsx',
  },
  EXCEL_ENCRYPTED: {
    status: 415,
    zh: '工作簿设有打开密码，请取消密码后再上传',
    en: 'The workbook is password-protected; remove the password and upload it again',
  },
  EXCEL_MACROS: {
    status: 415,
    zh: '不接受含宏的工作簿（.xlsm），请另存为 .xlsx',
    en: 'Macro-enabled workbooks (.xlsm) are not accepted; save as .xlsx',
  },
  EXCEL_TOO_LARGE: {
    status: 413,
    zh: '文件过大，请拆分后分批导入',
    en: 'The file is too large; split it and import the parts',
  },
  EXCEL_ZIP_BOMB: {
    status: 413,
    zh: '工作簿解压后过大或压缩比异常，已拒绝',
    en: 'The workbook expands to too much data or is compressed suspiciously; it was refused',
  },
  EXCEL_TOO_MANY_ROWS: {
    status: 413,
    zh: '数据行数超过上限，请拆分后分批导入',
    en: 'There are more data rows than allowed; split the file and import the parts',
  },
  EXCEL_TOO_MANY_COLUMNS: {
    status: 400,
    zh: '数据列数超过上限，请删除多余的列',
    en: 'There are more columns than allowed; delete the extra columns',
  },
  EXCEL_NO_HEADER: {
    status: 400,
    zh: '未找到表头行，请使用导入模板',
    en: 'No header row was found; please use the import template',
  },
  EXCEL_HEADER_MISSING: {
    status: 400,
    zh: '缺少必填列，请使用导入模板',
    en: 'Required columns are missing; please use the import template',
  },
  EXCEL_HEADER_DUPLICATE: {
    status: 400,
    zh: '表头中有重复的列',
    en: 'The header has the same column twice',
  },
  // The roster import's jobs (issue 9).
  IMPORT_JOB_NOT_READY: {
    status: 409,
    zh: '该导入任务当前不能提交（尚未预检完成，或已提交、已过期）',
    en: 'This import cannot be committed now (not checked yet, already committed, or expired)',
  },
  IMPORT_HAS_ERRORS: {
    status: 422,
    zh: '文件中仍有错误，未导入任何数据；请按预检报告修改后重新上传',
    en: 'The file still has errors and nothing was imported; fix them as the report shows and upload again',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    zh: '导入文件不能超过 30 MB',
    en: 'An import file may be at most 30 MB',
  },
  // A job's end when its background work stopped: shown on the job, never answered to a request.
  IMPORT_INTERRUPTED: {
    status: 409,
    zh: '导入任务因服务重启而中断，未写入任何数据，请重新上传',
    en: 'The import was interrupted by a server restart; nothing was written; please upload again',
  },
  IMPORT_COMMIT_FAILED: {
    status: 500,
    zh: '导入提交时出错，未写入任何数据，请稍后重新上传',
    en: 'The import failed while committing; nothing was written; please upload again later',
  },
  EXCEL_UNREADABLE: {
    status: 400,
    zh: '工作簿内容无法读取，请在 Excel 中另存后重试',
    en: 'The workbook content cannot be read; save it again in Excel and retry',
  },
  // LRMX (干部任免审批表 exchange files, v3) and zips of them: what is refused, before anything is expanded.
  LRMX_TOO_LARGE: {
    status: 413,
    zh: '任免审批表文件过大（单个 .lrmx 不能超过 4 MB）',
    en: 'The cadre record file is too large (a .lrmx may be at most 4 MB)',
  },
  LRMX_LEGACY_FORMAT: {
    status: 415,
    zh: '这是旧版 2.0 任免审批表（.lrm），请用任免表编辑器 3.0 另存为 .lrmx 后再导入',
    en: 'This is a legacy 2.0 cadre record (.lrm); save it as .lrmx with the 3.0 form editor first',
  },
  LRMX_ENCODING: {
    status: 415,
    zh: '任免审批表文件须为 UTF-8 编码（检测到 GB2312/GBK 或 UTF-16 等其他编码）',
    en: 'A cadre record file must be UTF-8 (another encoding such as GB2312/GBK or UTF-16 was found)',
  },
  LRMX_DTD_REFUSED: {
    status: 400,
    zh: '任免审批表文件含有 DOCTYPE 或实体声明，出于安全原因不予读取',
    en: 'The cadre record file contains a DOCTYPE or entity declaration and is refused for safety',
  },
  LRMX_MALFORMED: {
    status: 400,
    zh: '不是合法的任免审批表 3.0 文件（XML 格式错误或根元素不是 Person）',
    en: 'Not a valid 3.0 cadre record file (malformed XML, or the root element is not Person)',
  },
  LRMX_PHOTO_INVALID: {
    status: 415,
    zh: '任免审批表中的照片不是 JPEG 或 PNG 图片，或已损坏',
    en: 'The photo in the cadre record is not a JPEG or PNG image, or is damaged',
  },
  LRMX_PHOTO_TOO_LARGE: {
    status: 413,
    zh: '任免审批表中的照片过大（不能超过 1 MB）',
    en: 'The photo in the cadre record is too large (at most 1 MB)',
  },
  LRMX_ZIP_INVALID: {
    status: 400,
    zh: '压缩包已损坏、已加密，或含有不安全的文件名',
    en: 'The zip archive is damaged or encrypted, or contains unsafe file names',
  },
  LRMX_ZIP_TOO_LARGE: {
    status: 413,
    zh: '压缩包内文件过多、解压后过大或压缩比异常，已拒绝（未解压）',
    en: 'The zip archive has too many files, expands too much or has an abnormal ratio; refused without expanding',
  },
  LRMX_ZIP_EMPTY: {
    status: 400,
    zh: '压缩包中没有 .lrmx 文件',
    en: 'The zip archive contains no .lrmx file',
  },
  LRMX_TOO_MANY_FILES: {
    status: 413,
    zh: '一次最多导入 1000 个任免审批表文件，请分批导入',
    en: 'At most 1,000 cadre record files can be imported at once; import them in batches',
  },
  LRMX_FILE_UNSUPPORTED: {
    status: 415,
    zh: '请上传 .lrmx 文件或内含 .lrmx 文件的 .zip 压缩包',
    en: 'Upload a .lrmx file or a .zip archive of .lrmx files',
  },
  LRMX_DUPLICATE_ID: {
    status: 400,
    zh: '同一身份证号的任免审批表在本次上传中出现多次，只比对第一个文件',
    en: 'A cadre record with the same ID number appears more than once in this upload; only the first is compared',
  },
  LRMX_SESSION_APPLIED: {
    status: 409,
    zh: '这批任免审批表已经导入过，请重新上传',
    en: 'These cadre record files have already been applied; upload them again',
  },
  LRMX_STALE: {
    status: 409,
    zh: '读取文件后花名册中的人员信息已被修改，本次导入全部未保存，请重新上传文件比对',
    en: 'A person was changed in the roster after the files were read; nothing was saved — upload the files again to compare',
  },
  LRMX_FIELD_UNUSABLE: {
    status: 400,
    zh: '文件中有字段无法写入花名册（见各字段说明），本次导入全部未保存',
    en: 'Some fields of the files cannot be written to the roster (see each field); nothing was saved',
  },
  LRMX_ORG_REQUIRED: {
    status: 400,
    zh: '新增人员须选择所在组织',
    en: 'Choose the organization for each new person',
  },
  LRMX_EXPORT_TOO_MANY: {
    status: 413,
    zh: '一次最多导出 500 人的任免审批表，请缩小筛选范围',
    en: 'At most 500 cadre records can be exported at once; narrow the filters',
  },
  MEETING_SERIES_INVALID: {
    status: 400,
    zh: '会议系列不存在或不在权限范围内',
    en: 'The meeting series does not exist or is outside your scope',
  },
  MEETING_HOST_INVALID: {
    status: 400,
    zh: '主办单位与会议层级不符',
    en: 'The host organization does not match the meeting level',
  },
  WEBHOOK_URL_INVALID: {
    status: 400,
    zh: '推送地址须为 http(s) 网址，且不能含用户名密码',
    en: 'A webhook must be an http(s) URL without credentials',
  },
  WEBHOOK_URL_NOT_ALLOWED: {
    status: 400,
    zh: '推送地址不能指向本机、内网、链路本地或保留地址；如需推送到内网系统，请由系统运维人员在服务器配置 XINHUO_WEBHOOK_ALLOW_HOSTS 中登记该主机',
    en: 'A webhook cannot point to this server, a private, link-local or reserved address; to deliver to an intranet system, the server operator must list that host in XINHUO_WEBHOOK_ALLOW_HOSTS',
  },
  INTEGRITY_VIOLATION: {
    status: 500,
    zh: '记录完整性校验失败，已通知管理员',
    en: 'Record integrity check failed; administrators have been alerted',
  },
  DEMO_REFUSED: {
    status: 409,
    zh: '演示数据（含公开密码的演示账号）仅可在演示模式下、内置 SQLite 数据库中生成；PostgreSQL 或非演示模式下拒绝生成',
    en: 'The demo city (with demo accounts whose password is public) is built only in demo mode on the embedded SQLite database; refused on PostgreSQL or outside demo mode',
  },
  // Findings of audit:verify (never thrown to a browser; {seq} is replaced by the sequence number).
  AUDIT_CHAIN_BROKEN: {
    status: 500,
    zh: '审计日志哈希链在第 {seq} 条处断裂（被修改、删除、插入或调换）',
    en: 'The audit hash chain is broken at seq {seq} (a row was changed, deleted, inserted or reordered)',
  },
  AUDIT_TRAIL_TRUNCATED: {
    status: 500,
    zh: '审计日志在第 {seq} 条之后被截断：签名链头或外部锚点记录了更多条目',
    en: 'The audit trail was truncated after seq {seq}: the signed head or the exported anchor records more rows',
  },
  AUDIT_TRAIL_EMPTY_WITH_DATA: {
    status: 500,
    zh: '审计日志为空，但数据库中已有账号或组织数据：日志已被整体删除',
    en: 'The audit trail is empty although the database holds accounts or organizations: the trail was deleted',
  },
  AUDIT_HEAD_MISSING: {
    status: 500,
    zh: '审计日志的签名链头缺失（已被删除）',
    en: 'The signed head of the audit trail is missing (it was deleted)',
  },
  AUDIT_HEAD_INVALID: {
    status: 500,
    zh: '审计日志签名链头的签名无效（已被改写）',
    en: 'The signature of the audit trail head is invalid (it was rewritten)',
  },
  AUDIT_HEAD_MISMATCH: {
    status: 500,
    zh: '审计日志第 {seq} 条与签名链头不一致（日志被截断后又续写，或被改写）',
    en: 'The audit trail does not match its signed head at seq {seq} (it was cut back and written on, or rewritten)',
  },
  AUDIT_ANCHOR_INVALID: {
    status: 500,
    zh: '外部审计锚点文件无法读取或签名无效',
    en: 'The exported audit anchor file is unreadable or its signature is invalid',
  },
  AUDIT_ANCHOR_MISMATCH: {
    status: 500,
    zh: '审计日志第 {seq} 条与外部锚点记录的哈希不一致',
    en: 'Audit row seq {seq} does not match the hash recorded in the exported anchor',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests; please try again later',
  },
  PII_REVEAL_LIMIT: {
    status: 429,
    zh: '今日查看身份证号、手机号的次数已达上限（每人每天50次），请明天再试',
    en: 'You have reached today’s limit of 50 reveals of ID numbers and phones; try again tomorrow',
  },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请联系管理员',
    en: 'Internal server error; please contact the administrator',
  },
  UNAVAILABLE: {
    status: 503,
    zh: '服务暂不可用，请稍后再试',
    en: 'Service unavailable; please try again later',
  },
  TRAINING_CAPACITY_FULL: {
    status: 409,
    zh: '该期培训名额已满，本次报名未保存',
    en: 'The session is full; no one was enrolled',
  },
  TRAINING_NOT_ATTENDED: {
    status: 403,
    zh: '只有签到参加了该期培训的学员才能评价',
    en: 'Only people who attended the session may give feedback',
  },
  TRAINING_NOT_ENROLLED: {
    status: 400,
    zh: '此人未报名该期培训',
    en: 'This person is not enrolled in the session',
  },
  TRAINING_IMPORT_ROWS: {
    status: 400,
    zh: '签到表中有行无法导入（见行号），本次签到全部未保存',
    en: 'Some rows of the sign-in sheet cannot be imported (see the row numbers); nothing was saved',
  },
  MEETING_SIGN_IN_ROWS: {
    status: 400,
    zh: '签到表中有行无法读取（见行号），未添加任何参会人员',
    en: 'Some rows of the sign-in sheet cannot be read (see the row numbers); no participant was added',
  },
  TRAINING_PROGRAM_INVALID: {
    status: 400,
    zh: '培训项目不存在或不在权限范围内',
    en: 'The training program does not exist or is outside your scope',
  },
  TRAINING_LECTURER_INVALID: {
    status: 400,
    zh: '授课人须为权限范围内花名册中的人员',
    en: 'A lecturer must be a person on the roster within your scope',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = 'zh-CN' | 'en';

/** The message for an error code in the given language. */
export function errorMessage(code: ErrorCode, lang: Lang): string {
  const e = ERRORS[code];
  return lang === 'en' ? e.en : e.zh;
}

/** Field-level validation messages, keyed by a short reason code. */
export const FIELD_MESSAGES = {
  TRAINING_PERSON_UNKNOWN: {
    zh: '花名册中没有此身份证号的人员（或不在权限范围内）',
    en: 'No person with this ID number on the roster (or outside your scope)',
  },
  TRAINING_NAME_MISMATCH: {
    zh: '姓名与身份证号对应的人员不符',
    en: 'The name does not match the person with this ID number',
  },
  TRAINING_NOT_ENROLLED: { zh: '此人未报名该期培训', en: 'This person is not enrolled in the session' },
  TRAINING_ROW_DUPLICATE: {
    zh: '同一人在签到表中出现多次',
    en: 'The same person appears more than once in the sheet',
  },
  MEETING_SIGN_IN_AMBIGUOUS: {
    zh: '权限范围内有多名同名人员与该单位相符，请填写身份证号',
    en: 'Several people of this name fit the unit; give the ID number',
  },
  required: { zh: '必填', en: 'Required' },
  invalid_type: { zh: '类型不正确', en: 'Wrong type' },
  too_small: { zh: '太短或太小', en: 'Too short or too small' },
  too_big: { zh: '太长或太大', en: 'Too long or too large' },
  invalid_format: { zh: '格式不正确', en: 'Invalid format' },
  invalid_value: { zh: '取值不在允许范围内', en: 'Value not allowed' },
  unrecognized_keys: { zh: '包含不允许的字段', en: 'Contains fields that are not allowed' },
  ID_FORMAT: {
    zh: '身份证号应为18位（最后一位可为X），或15位旧号码',
    en: 'An ID number has 18 characters (the last may be X), or 15 digits for an old one',
  },
  ID_CHECK_DIGIT: { zh: '身份证号校验位错误', en: 'The ID number check digit is wrong' },
  ID_BIRTH_DATE: { zh: '身份证号中的出生日期无效', en: 'The birth date in the ID number is invalid' },
  ID_REGION: { zh: '身份证号中的地区码无效', en: 'The region code in the ID number is invalid' },
  // Roster records and the import (issue 9): ID cross-checks, impossible dates, work history, posts.
  ID_REGION_UNLISTED: {
    zh: '身份证号中的县级地区码不在行政区划代码表中（所属地市有效），请核对',
    en: 'The county code in the ID number is not in the division code list (its prefecture is); please check',
  },
  ID_BIRTH_DATE_MISMATCH: {
    zh: '出生日期与身份证号不一致',
    en: 'The birth date does not match the ID number',
  },
  ID_GENDER_MISMATCH: { zh: '性别与身份证号不一致', en: 'The gender does not match the ID number' },
  DATE_BEFORE_BIRTH: { zh: '日期早于出生日期', en: 'The date is before the birth date' },
  PARTY_JOIN_UNDER_18: {
    zh: '入党时未满18周岁',
    en: 'The person was under 18 on the party join date',
  },
  WORK_START_UNDER_16: {
    zh: '参加工作时未满16周岁',
    en: 'The person was under 16 on the work start date',
  },
  WORK_HISTORY_PERIOD_FORMAT: {
    zh: '简历的起止年月应写作 YYYY.MM',
    en: 'Work-history periods are written YYYY.MM',
  },
  WORK_HISTORY_PERIOD_REVERSED: {
    zh: '简历中该段的结束年月早于开始年月',
    en: 'This work-history period ends before it starts',
  },
  WORK_HISTORY_OPEN_NOT_LAST: {
    zh: '只有最后一段简历可以没有结束年月',
    en: 'Only the last work-history period may be open-ended',
  },
  WORK_HISTORY_GAP: {
    zh: '简历与上一段之间有空档（应从上一段结束的当月或次月开始）',
    en: 'A gap after the previous work-history period (start in the month it ended or the next)',
  },
  WORK_HISTORY_OVERLAP: {
    zh: '简历与上一段时间重叠',
    en: 'This work-history period overlaps the previous one',
  },
  // The cadre record on the person form (issue 9): places, periods, photo.
  MONTH_FORMAT: { zh: '年月应写作 YYYY-MM', en: 'Months are written YYYY-MM' },
  RESUME_FORMAT: {
    zh: '简历每段应以“yyyy.MM--yyyy.MM”开头',
    en: 'Each résumé period should start with “yyyy.MM--yyyy.MM”',
  },
  FIELD_NOT_KEPT: { zh: '花名册不保存此项', en: 'The roster does not keep this field' },
  PERIOD_REVERSED: { zh: '结束年月早于开始年月', en: 'The period ends before it starts' },
  REGION_CODE_UNKNOWN: {
    zh: '行政区划代码不在 GB/T 2260 代码表中',
    en: 'Not a division code of GB/T 2260',
  },
  PHOTO_TYPE: { zh: '照片须为 JPEG 或 PNG 图片', en: 'The photo must be a JPEG or PNG image' },
  PHOTO_TOO_LARGE: { zh: '照片不能超过 200 KB', en: 'The photo may be at most 200 KB' },
  ROLE_COMMITTEE_MISMATCH: {
    zh: '职务与班子不对应',
    en: 'The post does not belong to this committee',
  },
  IMPORT_DUPLICATE_IN_FILE: {
    zh: '同一身份证号在文件中出现多次',
    en: 'The same ID number appears more than once in the file',
  },
  IMPORT_ORG_NOT_FOUND: {
    zh: '在您的管辖范围内找不到该组织',
    en: 'No such organization within your scope',
  },
  // The person form's neutral words (PERSON_CITY_REVIEW); a dry run sends nothing to the city.
  IMPORT_ID_HELD_ELSEWHERE: {
    zh: '该身份证号需市级核查，本行不能导入；请通过人员表单提交，由市委组织部核对',
    en: 'This ID number needs a city-level check; this row cannot be imported — submit the person with the person form for the city organization department to check',
  },
  IMPORT_NO_OPEN_TERM: {
    zh: '该组织此委员会在任职时间没有进行中的届次，请先在“届次与任职”中开设届次',
    en: 'This committee of the organization has no open term on the post start date; open the term under Terms and seats first',
  },
  IMPORT_PERSON_EXISTS: {
    zh: '该人员已在花名册中，将按所选方式更新或跳过',
    en: 'This person is already on the roster; updated or skipped as chosen',
  },
  PHONE_FORMAT: { zh: '手机号应为11位，以1开头', en: 'A mobile number has 11 digits starting with 1' },
  // Terms and seats (issue 9).
  SEAT_DATE_OUTSIDE_TERM: { zh: '日期应在届次起止日期之内', en: 'The date must be within the term' },
  SEAT_END_BEFORE_START: {
    zh: '结束日期不能早于任职开始日期',
    en: 'The end date cannot be before the seat starts',
  },
  TERM_END_BEFORE_START: { zh: '届满日期应晚于选举日期', en: 'The term must end after its election date' },
  CAMPAIGN_DATE_ORDER: {
    zh: '换届日程应依次为：提名、资格联审、公示、选举日',
    en: 'The timetable must run in order: nomination, vetting, notice, election day',
  },
  TERM_END_BEFORE_SEATS: {
    zh: '结束日期不能早于本届已有任职的开始日期',
    en: 'The end date cannot be before a seat of the term starts',
  },
  DATE_FORMAT: { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are written YYYY-MM-DD' },
  TIME_FORMAT: { zh: '时间格式应为 HH:MM', en: 'Times are written HH:MM' },
  TIME_ORDER: { zh: '结束时间须晚于开始时间', en: 'The end time must be after the start time' },
  DATE_IN_FUTURE: { zh: '日期不能晚于今天', en: 'The date cannot be in the future' },
  NAME_CHARS: { zh: '姓名含有不允许的字符', en: 'The name contains characters that are not allowed' },
  REASON_HAS_NUMBER: {
    zh: '事由中不能包含身份证号或手机号',
    en: 'The reason must not contain an ID number or a phone number',
  },
  TEXT_ENCODING: {
    zh: '含有无效的字符（不成对的 UTF-16 代理项）',
    en: 'Contains an invalid character (an unpaired UTF-16 surrogate)',
  },
  CODE_UNKNOWN: { zh: '代码不在标准代码表中', en: 'Not a code in the standard table' },
  // Excel import: findings on one cell or column that do not stop the reading.
  EXCEL_NUMBER_DIGITS_LOST: {
    zh: '该号码被存成了数字，Excel 只保留 15 位有效数字，末尾已丢失；请将该列设为文本后重新填写',
    en: 'This number was stored as a number: Excel keeps 15 significant digits and the rest are lost; set the column to text and type it again',
  },
  EXCEL_HEADER_UNKNOWN: { zh: '未识别的列，已忽略', en: 'Unknown column; it was ignored' },
  TOO_SHORT: {
    zh: '密码长度不足（至少8位，安全策略可要求更长）',
    en: 'Too short (at least 8 characters; the security policy may ask for more)',
  },
  TOO_LONG: { zh: '密码不超过128位', en: 'At most 128 characters' },
  TOO_FEW_CLASSES: {
    zh: '需包含大写字母、小写字母、数字、符号中的至少3类（安全策略可要求4类）',
    en: 'Use at least 3 of: upper case, lower case, digits, symbols (the security policy may ask for all 4)',
  },
  COMMON_PASSWORD: { zh: '密码过于常见', en: 'This password is too common' },
  CONTAINS_CONTEXT: {
    zh: '密码不能包含用户名、手机号等个人信息',
    en: 'The password must not contain your username or personal details',
  },
  CONTROL_CHARACTER: {
    zh: '密码不能包含控制字符或不可见字符（如空字符、换行、零宽字符）',
    en: 'The password must not contain control or invisible characters (NUL, line breaks, zero-width)',
  },
  DEADLINE_HORIZON: {
    zh: '日期须在今天前 31 天至今天起两年之间',
    en: 'The date must be between 31 days ago and two years from today',
  },
  PASSWORD_WRONG: { zh: '当前密码不正确', en: 'The current password is wrong' },
  REUSED: { zh: '不能与最近使用过的密码相同', en: 'Do not reuse a recent password' },
  WEBHOOK_SCHEME: { zh: '只允许 http 或 https 地址', en: 'Only http or https URLs' },
  WEBHOOK_CREDENTIALS: { zh: '地址中不能含用户名或密码', en: 'No user name or password in the URL' },
  WEBHOOK_TOO_LONG: { zh: '地址不超过500个字符', en: 'At most 500 characters' },
  WEBHOOK_UNPARSABLE: { zh: '不是有效的网址', en: 'Not a valid URL' },
  WEBHOOK_LOCAL_NAME: {
    zh: '主机名指向本机或仅在内网有效（如 localhost、单段主机名、.local）',
    en: 'The host name means this machine or only exists inside a network (localhost, a single label, .local)',
  },
  WEBHOOK_UNSPECIFIED: { zh: '地址 0.0.0.0 或 :: 指向本机', en: '0.0.0.0 or :: reaches this machine' },
  WEBHOOK_LOOPBACK: { zh: '回环地址指向本机', en: 'A loopback address reaches this machine' },
  WEBHOOK_PRIVATE: { zh: '内网（私有）地址', en: 'A private network address' },
  WEBHOOK_SHARED: {
    zh: '运营商级 NAT 共享地址（100.64.0.0/10）',
    en: 'A carrier-grade NAT address (100.64.0.0/10)',
  },
  WEBHOOK_LINK_LOCAL: {
    zh: '链路本地地址（含云主机元数据地址 169.254.169.254）',
    en: 'A link-local address (incl. the cloud metadata address 169.254.169.254)',
  },
  WEBHOOK_MULTICAST: { zh: '组播地址', en: 'A multicast address' },
  WEBHOOK_RESERVED: { zh: '保留或文档专用地址', en: 'A reserved or documentation address' },
  ADMIN_LIMIT_LOOSER: {
    zh: '管理员的会话时限不能比普通用户更宽松',
    en: "An administrator's session limit cannot be looser than other users'",
  },
  ACTIVATION_INVALID: {
    zh: '用户名或激活码不正确，或激活码已过期、已使用',
    en: 'Wrong username or activation code, or the code has expired or been used',
  },
  // Policy versions (POLICY_BODY_SCHEMAS and the policy service).
  DATE_TAKEN: {
    zh: '该日期已有一个待生效的版本：请换一个日期，或先撤销那个版本',
    en: 'A scheduled version already takes effect on this date: choose another date or withdraw that one first',
  },
  DUPLICATE_CODE: { zh: '代码重复：每一项的代码须不同', en: 'The same code appears twice' },
  NO_ACTIVE_TIER: { zh: '至少须有一个启用的等级', en: 'At least one tier must be active' },
  NO_ACTIVE_CATEGORY: { zh: '至少须有一个启用的类别', en: 'At least one category must be active' },
  LADDER_ORDER: {
    zh: '督办阶梯须依次递增：催办 ≤ 督办 ≤ 通报',
    en: 'The supervision ladder must rise: urge ≤ supervise ≤ circulate',
  },
  POST_COUNT: { zh: '四岗十五级须恰好有 4 个岗位', en: 'The grade table has exactly 4 posts' },
  GRADE_COUNT: { zh: '四岗十五级须恰好有 15 个等级', en: 'The grade table has exactly 15 grades' },
  GRADE_ORDER: { zh: '等级须依次为 1 至 15 级', en: 'The grades must be 1 to 15 in order' },
  PAY_NOT_MONOTONE: {
    zh: '月基本报酬不能低于下一级',
    en: 'The monthly base pay cannot be lower than the grade below',
  },
  UNKNOWN_LEVEL: {
    zh: '考核等次只能是优秀、称职、基本称职或不称职',
    en: 'The assessment level must be excellent, competent, basically competent or incompetent',
  },
  LEVEL_RULES: {
    zh: '每个考核等次须恰好有一条晋降级规则',
    en: 'Each assessment level needs exactly one grade-move rule',
  },
  CATEGORY_REMOVED: {
    zh: '已发布的类别不能删除，只能停用：已有事项仍使用它',
    en: 'A published category cannot be removed, only retired: matters still use it',
  },
} as const;

export type FieldReason = keyof typeof FIELD_MESSAGES;

export function fieldMessage(reason: string, lang: Lang): string {
  const m = (FIELD_MESSAGES as Record<string, { zh: string; en: string }>)[reason];
  if (!m) return reason;
  return lang === 'en' ? m.en : m.zh;
}
