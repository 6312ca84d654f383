// The column set of the Excel import benchmark: a roster-like sheet of ten columns.
export const COLUMNS = [
  { key: 'name', header: { zh: '姓名', en: 'Name' }, type: 'text', required: true },
  { key: 'idNumber', header: { zh: '身份证号', en: 'ID number' }, type: 'identifier', required: true },
  { key: 'gender', header: { zh: '性别', en: 'Gender' }, type: 'text', choices: ['男', '女'] },
  { key: 'birthDate', header: { zh: '出生日期', en: 'Date of birth' }, type: 'date' },
  { key: 'ethnicity', header: { zh: '民族', en: 'Ethnicity' }, type: 'text' },
  { key: 'education', header: { zh: '学历', en: 'Education' }, type: 'text' },
  { key: 'party', header: { zh: '政治面貌', en: 'Political status' }, type: 'text' },
  { key: 'joinedParty', header: { zh: '入党时间', en: 'Joined the party' }, type: 'date' },
  { key: 'phone', header: { zh: '手机号', en: 'Mobile' }, type: 'identifier' },
  { key: 'org', header: { zh: '所在村（社区）', en: 'Village' }, type: 'text' },
];
