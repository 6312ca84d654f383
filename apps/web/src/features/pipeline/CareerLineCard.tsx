// The person page's career line (薪火计划 item 9): the path across the programs in date order — class,
// 青年尖兵, 特岗, the secretary seat, 标杆 — with the training hours per year.
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { CANDIDATE_STATE_LABELS, type CareerStep } from '@xinhuo/shared';
import { Link } from 'react-router';
import { careerApi } from '../../api/career-endpoints';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';

const COLOR: Record<CareerStep['kind'], string> = {
  class_enrolled: 'gray',
  class_graduated: 'blue',
  class_left: 'gray',
  class_placed: 'blue',
  nominated: 'gray',
  selected: 'blue',
  training_started: 'blue',
  placed: 'green',
  exited: 'gray',
  seat_started: 'green',
  seat_ended: 'gray',
};

export function CareerLineCard({ personId, linkRecords }: { personId: string; linkRecords: boolean }) {
  const t = useT();
  const lang = useLanguage();
  const q = useQuery({
    queryKey: ['career', personId],
    queryFn: ({ signal }) => careerApi.person(personId, signal),
  });
  const data = q.data;
  const text = (s: CareerStep) =>
    t(`career.step.${s.kind}` as MessageKey, {
      tier: (lang === 'en' ? s.tierNameEn : s.tierNameZh) ?? '',
      cohort: s.cohortName ?? '—',
      org: s.orgName ?? '—',
    });
  return (
    <Card size="small" title={t('career.title')} className="xh-section" data-testid="person-career">
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {data && data.steps.length === 0 && data.hoursByYear.length === 0 && (
        <Empty description={t('career.none')} />
      )}
      {data && data.steps.length > 0 && (
        <Timeline
          data-testid="career-steps"
          items={data.steps.map((s, k) => ({
            key: `${s.date}-${s.kind}-${k}`,
            color: COLOR[s.kind],
            children: (
              <Space size={[8, 2]} wrap data-kind={s.kind}>
                <span className="xh-mono">{s.date}</span>
                <span>{text(s)}</span>
                {s.candidateId && s.kind === 'nominated' && s.state && (
                  <Tag>{CANDIDATE_STATE_LABELS[s.state][lang === 'en' ? 'en' : 'zh']}</Tag>
                )}
                {s.candidateId && linkRecords && s.kind === 'nominated' && (
                  <Link to={`/pipeline/candidates/${encodeURIComponent(s.candidateId)}`}>
                    {t('career.record')}
                  </Link>
                )}
              </Space>
            ),
          }))}
        />
      )}
      {data && data.hoursByYear.length > 0 && (
        <>
          <Typography.Text strong>{t('career.hours')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="career-hours">
            {data.hoursByYear.map((h) => (
              <li key={h.year}>{t('career.hoursYear', { year: h.year, hours: h.hours, n: h.sessions })}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
