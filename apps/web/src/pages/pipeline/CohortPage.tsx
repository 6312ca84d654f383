// 批次 (a cohort of a tier): its name, selection date, send-off ceremony (欢送仪式), intake target, its
// members by stage and the member list (the server scopes both), linked from the pipeline page.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CandidateItem } from '@xinhuo/shared';
import { pipelineApi } from '../../api/pipeline-endpoints';
import { ExportButton } from '../../components/ExportButton';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { stateLabel, tierName } from './labels';

export default function CohortPage() {
  const t = useT();
  const lang = useLanguage();
  const { id = '' } = useParams();
  const [page, setPage] = useState(1);
  const cohort = useQuery({
    queryKey: ['pipeline', 'cohort', id],
    queryFn: ({ signal }) => pipelineApi.cohort(id, signal),
  });
  const members = useQuery({
    queryKey: ['pipeline', 'candidates', 'cohort', id, page],
    queryFn: ({ signal }) => pipelineApi.candidates({ cohortId: id, page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  if (cohort.error) return <QueryError error={cohort.error} onRetry={() => void cohort.refetch()} />;
  const k = cohort.data;
  const columns: ColumnsType<CandidateItem> = [
    {
      key: 'name',
      title: t('pipeline.col.name'),
      render: (_, c) => <Link to={`/pipeline/candidates/${encodeURIComponent(c.id)}`}>{c.personName}</Link>,
    },
    { key: 'birth', title: t('pipeline.col.birth'), render: (_, c) => c.birthDate.slice(0, 7) },
    { key: 'org', title: t('pipeline.col.org'), dataIndex: 'orgName' },
    {
      key: 'state',
      title: t('pipeline.col.state'),
      render: (_, c) => <Tag>{stateLabel(c.state, lang)}</Tag>,
    },
  ];
  return (
    <div>
      <div className="xh-page-head">
        <Space wrap>
          <Link to="/pipeline">
            <Button icon={<ArrowLeftOutlined />} type="text" aria-label={t('cohort.back')} />
          </Link>
          <Typography.Title level={1} data-testid="cohort-title">
            {k ? t('cohort.title', { tier: tierName(k, lang), name: k.name }) : '…'}
          </Typography.Title>
        </Space>
        <ExportButton size="middle" testId="cohort-export" href="/api/pipeline/cohorts/export" />
      </div>
      {k && (
        <Card size="small" className="xh-section">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            data-testid="cohort-facts"
            items={[
              { key: 'sel', label: t('cohort.selection'), children: k.selectionDate },
              { key: 'send', label: t('cohort.sendOff'), children: k.sendOffDate ?? '—' },
              { key: 'target', label: t('cohort.target'), children: k.intakeTarget },
              {
                key: 'members',
                label: t('cohort.members'),
                children: <span data-testid="cohort-members">{k.members}</span>,
              },
              { key: 'placed', label: t('cohort.placed'), children: k.placed },
              {
                key: 'byState',
                label: t('cohort.byState'),
                children: (
                  <Space size={[4, 4]} wrap>
                    {k.byState.map((s) => (
                      <Tag key={s.state} data-testid={`cohort-state-${s.state}`}>
                        {stateLabel(s.state, lang)} {s.n}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Typography.Title level={2}>{t('cohort.memberList')}</Typography.Title>
      {members.error && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && members.data.total === 0 ? (
        <Empty description={t('cohort.none')} />
      ) : (
        <ResponsiveTable<CandidateItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={members.data?.items ?? []}
          loading={members.isFetching}
          cardFields={['name', 'org', 'state']}
          data-testid="cohort-member-list"
          pagination={{
            current: page,
            pageSize: 50,
            total: members.data?.total ?? 0,
            onChange: setPage,
          }}
        />
      )}
    </div>
  );
}
