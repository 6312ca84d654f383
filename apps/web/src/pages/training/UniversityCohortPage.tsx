// 定制村干班班次: the cohort's students with their status, graduation, first placement and later path.
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { UnivStudent } from '@xinhuo/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { trainingApi } from '../../api/training-endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { studentStatusLabel } from '../../features/training/training-labels';
import { useLanguage, useT } from '../../i18n/use-t';

export default function UniversityCohortPage() {
  const t = useT();
  const lang = useLanguage();
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['training', 'cohort', id],
    queryFn: ({ signal }) => trainingApi.cohort(id, signal),
  });
  if (q.isPending) return <Spin size="large" className="xh-page-spin" />;
  if (q.isError)
    return (
      <QueryError
        error={q.error}
        onRetry={() => void q.refetch()}
        notFoundTitle={t('training.cohort.notFound')}
      />
    );
  const c = q.data;
  return (
    <div data-testid="training-cohort">
      <div className="xh-page-head">
        <Typography.Title level={1}>{c.name}</Typography.Title>
        <Link to="/training/class">
          <Button icon={<ArrowLeftOutlined />}>{t('training.cohort.back')}</Button>
        </Link>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'p', label: t('training.class.partner'), children: c.partner },
            { key: 'y', label: t('training.class.intake'), children: c.intakeYear },
            { key: 's', label: t('training.class.students'), children: c.students },
            { key: 'g', label: t('training.class.graduated'), children: c.graduated },
            { key: 'v', label: t('training.class.placedInVillages'), children: c.placedInVillages },
          ]}
        />
      </Card>
      <Card size="small" className="xh-section">
        <ResponsiveTable<UnivStudent>
          data-testid="cohort-students"
          rowKey="id"
          size="small"
          dataSource={c.members}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          cardFields={['name', 'status', 'placement', 'later']}
          columns={[
            {
              key: 'name',
              title: t('training.person'),
              render: (_: unknown, s) => <Link to={`/people/${s.personId}`}>{s.name}</Link>,
            },
            { key: 'id', title: t('training.idNumber'), dataIndex: 'idNumberMasked' },
            {
              key: 'status',
              title: t('training.student.status'),
              render: (_: unknown, s) => studentStatusLabel(s.status, lang),
            },
            {
              key: 'grad',
              title: t('training.student.graduationDate'),
              render: (_: unknown, s) => s.graduationDate ?? '—',
            },
            {
              key: 'placement',
              title: t('training.student.placement'),
              render: (_: unknown, s) =>
                [s.placementOrgName, s.placementRole].filter(Boolean).join(' · ') || '—',
            },
            {
              key: 'later',
              title: t('training.student.later'),
              render: (_: unknown, s) => s.laterPath ?? '—',
            },
          ]}
        />
      </Card>
    </div>
  );
}
