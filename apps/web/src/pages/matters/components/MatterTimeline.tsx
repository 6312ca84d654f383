// The matter's full record: every event with actor, time, action, state change and reason.
import { MATTER_LABELS, type MatterEvent, type MatterState } from '@xinhuo/shared';
import { Tag, Timeline, Typography } from 'antd';
import type { Language } from '../../../i18n/language-store';
import { useLanguage, useT, type Translate } from '../../../i18n/use-t';
import { formatTimestamp, joinList } from '../../../lib/format';
import { matterLabel } from '../../../features/matters/matter-labels';

const SUPERVISION_ACTIONS = new Set(Object.keys(MATTER_LABELS.supervision));
const RED = new Set(['return', 'reject', 'urge', 'supervise', 'circulate', 'sign_overdue']);
const GREEN = new Set(['accept', 'rate', 'close_dissatisfied', 'close_no_response']);
/** Explicit colours: the theme's primary colour is red, which antd would use for "blue". */
const dotColor = (action: string) =>
  RED.has(action) ? '#cf1322' : GREEN.has(action) ? '#389e0d' : '#3b7dd8';

function actionName(action: string, t: Translate, lang: Language): string {
  if (action === 'raise') return t('timeline.raise');
  if (SUPERVISION_ACTIONS.has(action)) return matterLabel('supervision', action, lang);
  return matterLabel('action', action, lang);
}

/** The details worth a line of their own (document numbers, deadlines, units, ratings). */
function detailLine(e: MatterEvent, t: Translate, lang: Language): string[] {
  const d = e.details;
  const out: string[] = [];
  const str = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : null);
  const named = (k: string) => {
    const v = d[k];
    return v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : null;
  };
  if (str('dispatchNo')) out.push(t('timeline.docNo', { no: str('dispatchNo')! }));
  if (str('docNo')) out.push(t('timeline.docNo', { no: str('docNo')! }));
  if (named('lead')) out.push(t('timeline.lead', { unit: named('lead')! }));
  if (Array.isArray(d.coUnits) && d.coUnits.length > 0) {
    const names = d.coUnits.map((c: unknown) =>
      c && typeof c === 'object' && 'name' in c ? String(c.name) : '',
    );
    out.push(t('timeline.co', { units: joinList(names, lang) }));
  }
  if (str('deadline')) out.push(t('timeline.deadline', { date: str('deadline')! }));
  if (str('requestedDue')) out.push(t('timeline.requestedDue', { date: str('requestedDue')! }));
  if (str('dueDate') && SUPERVISION_ACTIONS.has(e.action))
    out.push(t('timeline.deadline', { date: str('dueDate')! }));
  if (str('rating')) out.push(matterLabel('satisfaction', str('rating'), lang));
  if (str('outcome')) out.push(matterLabel('outcome', str('outcome'), lang));
  if (str('signOffName')) out.push(t('timeline.signOff', { name: str('signOffName')! }));
  if (d.onTime === false) out.push(t('timeline.late'));
  return out;
}

function stateName(state: string, lang: Language): string {
  return state === 'none' ? '' : matterLabel('state', state as MatterState, lang);
}

export function MatterTimeline({ events }: { events: MatterEvent[] }) {
  const t = useT();
  const lang = useLanguage();
  // Oldest first by (time, id): the server's ids increase within an instant, so ties keep their order.
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return (
    <Timeline
      data-testid="matter-timeline"
      items={sorted.map((e) => ({
        key: e.id,
        color: dotColor(e.action),
        content: (
          <div className="xh-event" data-testid="timeline-event" data-action={e.action}>
            <Typography.Text type="secondary" className="xh-event-time">
              {formatTimestamp(e.at)}
            </Typography.Text>
            <div>
              <Typography.Text strong>{actionName(e.action, t, lang)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {e.actorName} · {matterLabel('party', e.party, lang)}
              </Typography.Text>
              {e.fromState !== e.toState && (
                <Tag className="xh-event-state">
                  {stateName(e.fromState, lang) || t('timeline.new')} → {stateName(e.toState, lang)}
                </Tag>
              )}
            </div>
            {e.reason && <div className="xh-event-reason">{e.reason}</div>}
            {detailLine(e, t, lang).length > 0 && (
              <Typography.Text type="secondary" className="xh-event-details">
                {detailLine(e, t, lang).join(' · ')}
              </Typography.Text>
            )}
          </div>
        ),
      }))}
    />
  );
}
