/**
 * The wording and typesetting rules of the numbered documents (交办单, 督办单): one source for the
 * printable web pages and the server's PDF, so the two always say the same thing.
 */

const ZH = {
  'doc.masthead': '{issuer}书记讲给书记听',
  'doc.seal': '（盖章）',
  'doc.copyTo': '抄送',
  'doc.assignTitle': '事项交办单',
  'doc.superviseTitle': '事项督办单',
  'doc.assignBody':
    '现将{source}的下列事项交由你单位牵头办理{co}。请于{signDue}前签收，{deadline}前办结，并将经单位负责人签字的办理结果书面报送。',
  'doc.assignBodyCo': '，{units}协办',
  'doc.matterCode': '事项编号',
  'doc.category': '事项类别',
  'doc.matterTitle': '事项名称',
  'doc.raiser': '提出人',
  'doc.raiserOf': '{name}（{place}）',
  'doc.raisedOn': '提出日期',
  'doc.source': '事项来源',
  'doc.priority': '优先级',
  'doc.content': '事项内容',
  'doc.units': '承办单位',
  'doc.unitName': '{unit}（{role}）',
  'doc.unitDates': '签收时限：{signDue}；办结时限：{dueDate}',
  'doc.lead': '牵头',
  'doc.co': '协办',
  'doc.place': '{town}{village}',
  'doc.listSeparator': '、',
  'doc.colon': '：',
  'doc.superviseBody':
    '{dispatchNo}交由你单位办理的事项「{title}」（编号 {code}，{raiser}于{raisedOn}提出），办结时限为{dueDate}，截至{issuedOn}已逾期 {days} 个工作日。',
  'doc.superviseDemand': '请你单位接此督办单后立即组织办理，并将办理情况及逾期原因书面报送。',
  'doc.superviseWarning': '逾期仍未办结的，将按规定通报分管领导，并计入单位年度考核。',
} as const;

export type DocumentTextKey = keyof typeof ZH;

const EN: Record<DocumentTextKey, string> = {
  'doc.masthead': '{issuer} · Secretaries’ meetings',
  'doc.seal': '(seal)',
  'doc.copyTo': 'Copy to',
  'doc.assignTitle': 'Assignment order',
  'doc.superviseTitle': 'Supervision order',
  'doc.assignBody':
    'The matter below ({source}) is assigned to your unit as lead{co}. Please sign for it by {signDue}, resolve it by {deadline}, and report the result signed off by your unit head.',
  'doc.assignBodyCo': ', with {units} as co-units',
  'doc.matterCode': 'Code',
  'doc.category': 'Category',
  'doc.matterTitle': 'Matter',
  'doc.raiser': 'Raised by',
  'doc.raiserOf': '{name} ({place})',
  'doc.raisedOn': 'Raised on',
  'doc.source': 'Source',
  'doc.priority': 'Priority',
  'doc.content': 'Description',
  'doc.units': 'Handling units',
  'doc.unitName': '{unit} ({role})',
  'doc.unitDates': 'sign for by {signDue}; due {dueDate}',
  'doc.lead': 'lead',
  'doc.co': 'co-unit',
  'doc.place': '{village}, {town}',
  'doc.listSeparator': ', ',
  'doc.colon': ': ',
  'doc.superviseBody':
    'The matter “{title}” (code {code}, raised by {raiser} on {raisedOn}), assigned to your unit by order {dispatchNo}, was due on {dueDate}; on {issuedOn} it is {days} working days overdue.',
  'doc.superviseDemand': 'Please handle it at once and report in writing what was done and why it is late.',
  'doc.superviseWarning':
    'If it stays unresolved, it will be circulated to the leader in charge and counted in the unit’s annual assessment.',
};

/**
 * The documents' texts per language. A document is printed (web) and rendered (PDF) in the reader's
 * language: in Chinese as the organ issues it, in English for a reader who works in English — with
 * English dates, names of priorities and categories, list separators and punctuation.
 */
export const DOCUMENT_TEXTS = { 'zh-CN': ZH, en: EN } as const;

export type DocumentLang = keyof typeof DOCUMENT_TEXTS;

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function fillTemplate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * 2026-11-27 → 2026年11月27日 (GB/T 9704-2012 writes the date in Arabic numerals, without leading
 * zeros); in English 27 November 2026.
 */
export function documentDate(iso: string, lang: DocumentLang = 'zh-CN'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d || m > 12) return iso;
  return lang === 'en' ? `${d} ${MONTHS_EN[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

/** Names joined as a document lists them: 甲、乙 in Chinese, A, B in English. */
export function documentList(names: readonly string[], lang: DocumentLang = 'zh-CN'): string {
  return names.join(DOCUMENT_TEXTS[lang]['doc.listSeparator']);
}

/** Masthead type size in pt: it stays on one line of the 156 mm type area (≈ 440 pt), long names get smaller type. */
export function mastheadSize(text: string): number {
  return Math.max(18, Math.min(30, Math.floor(420 / Math.max(1, text.length)) - 2));
}
