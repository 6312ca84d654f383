// The person page's training section: attended hours per year and the village-cadre class record.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Table } from 'antd';
import { trainingApi } from '../../api/training-endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { studentStatusLabel } from './training-labels';

export function PersonTrainingCard({ personId }: { personId: string }) {
  const t = useT();
  const lang = useLanguage();
  const q = useQuery({
    queryKey: ['training', 'person', personId],
    queryFn: ({ signal }) => trainingApi.person(personId, signal),
  });
  const data = q.data;
  const empty = data && data.years.length === 0 && data.classRecords.length === 0;
  return (
    <Card
      size="small"
      title={t('training.personSection')}
      className="xh-section"
      data-testid="person-training"
    >
      {q.isPending && null}
      {empty && <Empty description={t('training.personNone')} />}
      {data && data.years.length > 0 && (
        <Table
          size="small"
          rowKey="year"
          pagination={false}
          caption={t('training.personYears')}
          dataSource={data.years}
          columns={[
            { key: 'year', title: t('training.year'), dataIndex: 'year' },
            { key: 'hours', title: t('training.hours'), dataIndex: 'hours' },
            {
              key: 'sessions',
              title: t('training.attended'),
              dataIndex: 'sessions',
              render: (n: number) => t('training.personSessions', { n }),
            },
          ]}
        />
      )}
      {data?.classRecords.map((r) => (
        <Descriptions
          key={`${r.cohortName}-${r.intakeYear}`}
          size="small"
          className="xh-section"
          title={t('training.personClass')}
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'c', label: t('training.class.cohort'), children: `${r.cohortName}（${r.partner}）` },
            { key: 's', label: t('training.student.status'), children: studentStatusLabel(r.status, lang) },
            { key: 'g', label: t('training.student.graduationDate'), children: r.graduationDate ?? '—' },
            {
              key: 'p',
              label: t('training.student.placement'),
              children: [r.placementOrgName, r.placementRole].filter(Boolean).join(' · ') || '—',
            },
            { key: 'l', label: t('training.student.later'), children: r.laterPath ?? '—' },
          ]}
        />
      ))}
    </Card>
  );
}
