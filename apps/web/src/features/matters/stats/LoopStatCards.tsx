// The headline figures of the loop: meetings held, matters raised and closed, and the rates.
import { Col, Row } from 'antd';
import type { MatterStats } from '@xinhuo/shared';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatInteger, formatOneDecimal, formatPercent } from '../../../lib/format';
import { StatCard } from '../../../components/StatCard';
import '../../../components/stat-card.css';

export function LoopStatCards({ stats }: { stats: MatterStats }) {
  const t = useT();
  const lang = useLanguage();
  const m = stats.matters;
  const side = m.sideExits.notResponsible + m.sideExits.duplicate + m.sideExits.explained;
  const cards = [
    {
      key: 'meetings',
      title: t('mstats.meetings'),
      value: formatInteger(stats.meetings.held, lang),
      footnote: t('mstats.meetingsFoot', { speakers: stats.meetings.speakers }),
      testId: 'mstat-meetings',
      accent: true,
    },
    {
      key: 'raised',
      title: t('mstats.raised'),
      value: formatInteger(m.raised, lang),
      footnote: t('mstats.raisedFoot', { n: m.raisedAtMeetings }),
      testId: 'mstat-raised',
      accent: true,
    },
    {
      key: 'closed',
      title: t('mstats.closed'),
      value: formatInteger(m.closed, lang),
      footnote: t('mstats.closedFoot', { solved: m.closedSolved, side }),
      testId: 'mstat-closed',
      accent: true,
    },
    {
      key: 'closedLoop',
      title: t('mstats.closedLoopRate'),
      value: formatPercent(m.closedLoopRate),
      footnote: t('mstats.openFoot', { open: m.open }),
      testId: 'mstat-closed-loop-rate',
      accent: true,
    },
    {
      key: 'onTime',
      title: t('mstats.onTimeRate'),
      value: formatPercent(m.onTimeRate),
      footnote: t('mstats.onTimeFoot', { onTime: m.onTime, resolved: m.resolved }),
      testId: 'mstat-on-time-rate',
    },
    {
      key: 'avg',
      title: t('mstats.avgWorkdays'),
      value: formatOneDecimal(m.avgHandlingWorkdays),
      unit: t('mstats.workdayUnit'),
      testId: 'mstat-avg-workdays',
    },
    {
      key: 'satisfaction',
      title: t('mstats.satisfactionRate'),
      value: formatPercent(m.satisfactionRate),
      footnote: t('mstats.satisfactionFoot', {
        s: m.satisfaction.satisfied,
        b: m.satisfaction.basic,
        d: m.satisfaction.dissatisfied,
        n: m.satisfaction.noResponse,
      }),
      testId: 'mstat-satisfaction',
    },
    {
      key: 'overdue',
      title: t('mstats.overdueNow'),
      value: formatInteger(m.overdueNow, lang),
      footnote: t('mstats.rehandledFoot', { n: m.rehandled }),
      testId: 'mstat-overdue',
    },
  ];
  return (
    <Row gutter={[12, 12]} className="xh-stat-row" data-testid="loop-stat-cards">
      {cards.map(({ key, ...card }) => (
        <Col key={key} xs={12} md={6} xxl={3}>
          <StatCard {...card} />
        </Col>
      ))}
    </Row>
  );
}
