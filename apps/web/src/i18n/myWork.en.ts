// English strings of My work, the notification centre's filters and the board's supervision filter (merged into en.ts).
import type { myWorkZhCN } from './myWork.zh-CN';

export const myWorkEn: Record<keyof typeof myWorkZhCN, string> = {
  'nav.myWork': 'My work',
  'myWork.title': 'My work',
  'myWork.all': 'All ({n})',
  'myWork.kind.to_dispatch': 'To dispatch',
  'myWork.kind.to_sign': 'To sign for',
  'myWork.kind.to_handle': 'To handle',
  'myWork.kind.to_decide_extension': 'Extensions to decide',
  'myWork.kind.to_verify': 'To verify',
  'myWork.kind.to_rate': 'To rate',
  'myWork.kindCount': '{kind} ({n})',
  'myWork.filter': 'Kind of work',
  'myWork.kindCol': 'To do',
  'myWork.unit': 'Unit',
  'myWork.due': 'Due',
  'myWork.overdue': 'Overdue',
  'myWork.act': 'Act',
  'myWork.empty': 'Nothing waiting for you',
  'notify.kindFilter': 'Kind',
  'notify.allKinds': 'All kinds',
  'notify.readFilter': 'Read status',
  'notify.readOnly': 'Read',
  'notify.byKind': 'Unread by kind',
  'board.escalation': 'Supervision step',
};
