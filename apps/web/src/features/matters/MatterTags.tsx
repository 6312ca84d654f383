// Small tags shared by the board, the matter page, the meeting page and the statistics.
import type { MatterListItem, MatterState } from '@xinhuo/shared';
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLanguage, useT } from '../../i18n/use-t';
import { SATISFACTION_COLORS, STATE_COLORS, isDueSoon, matterLabel, overdueText } from './matter-labels';

export function StateTag({ state, outcome }: { state: MatterState; outcome?: string | null }) {
  const lang = useLanguage();
  const showOutcome = state === 'closed' && outcome && outcome !== 'solved';
  return (
    <Tag color={STATE_COLORS[state]} data-testid="matter-state" data-state={state} variant="filled">
      {matterLabel('state', state, lang)}
      {showOutcome ? ` · ${matterLabel('outcome', outcome, lang)}` : ''}
    </Tag>
  );
}

export function SatisfactionTag({ value }: { value: string | null }) {
  const lang = useLanguage();
  if (!value) return null;
  return (
    <Tag color={SATISFACTION_COLORS[value] ?? 'default'} data-testid="matter-satisfaction">
      {matterLabel('satisfaction', value, lang)}
    </Tag>
  );
}

/** The red/yellow light: overdue (with working days), due soon, or nothing. */
export function DeadlineLight({
  matter,
}: {
  matter: Pick<MatterListItem, 'state' | 'isOverdue' | 'deadline' | 'overdueWorkdays'>;
}) {
  const t = useT();
  if (matter.isOverdue) {
    return (
      <Tag color="red" data-testid="matter-overdue">
        {overdueText(t, matter.overdueWorkdays)}
      </Tag>
    );
  }
  if (isDueSoon(matter, dayjs().format('YYYY-MM-DD'))) {
    return (
      <Tag color="gold" data-testid="matter-due-soon">
        {t('matter.dueSoon')}
      </Tag>
    );
  }
  return null;
}

/** The deadline date followed by its light. */
export function DeadlineCell({
  matter,
}: {
  matter: Pick<MatterListItem, 'state' | 'isOverdue' | 'deadline' | 'overdueWorkdays'>;
}) {
  if (!matter.deadline) return <Typography.Text type="secondary">–</Typography.Text>;
  return (
    <span className="xh-deadline-cell">
      <span className="xh-mono">{matter.deadline}</span> <DeadlineLight matter={matter} />
    </span>
  );
}
