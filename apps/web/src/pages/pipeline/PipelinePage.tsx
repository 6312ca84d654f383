// 薪火计划: the program's tiers with target and fill, the cohorts, and the candidate board (server-side
// paging and filters, scoped by the server) with the nomination form.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Progress, Select, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  CANDIDATE_STATES,
  fieldMessage,
  isoDate,
  type CandidateItem,
  type CandidateState,
  type Cohort,
  type Program,
  type Tier,
} from '@xinhuo/shared';
import { isApiError } from '../../api/client';
import { pipelineApi } from '../../api/pipeline-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PersonSelect } from '../../components/PersonSelect';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { zodRule } from '../../lib/zod-rule';
import { eligibleLabel, stateLabel, tierName } from './labels';
import { TierVersionsModal } from './TierVersionsModal';
import './pipeline.css';

function Tiers({ program }: { program: Program }) {
  const t = useT();
  const lang = useLanguage();
  const [open, setOpen] = useState<Tier | null>(null);
  // The open tier as last fetched (a new or withdrawn version refreshes the programs).
  const shown = open && (program.tiers.find((x) => x.id === open.id) ?? open);
  return (
    <div className="xh-pl-tiers" data-testid="pipeline-tiers">
      {program.tiers.map((tier) => (
        <Card
          key={tier.id}
          size="small"
          title={lang === 'en' ? tier.nameEn : tier.nameZh}
          data-testid={`tier-${tier.code}`}
        >
          <div className="xh-pl-tier-target" data-testid={`tier-target-${tier.code}`}>
            {t('pipeline.tier.fill', { filled: tier.filled, target: tier.target })}
          </div>
          <Progress
            percent={tier.target ? Math.min(100, Math.round((tier.filled / tier.target) * 100)) : 0}
          />
          <Typography.Text type="secondary">
            {t('pipeline.tier.detail', {
              progress: tier.inProgress,
              placed: tier.placed,
              hours: tier.hoursPerYear,
              min: tier.monthsMin,
              max: tier.monthsMax,
            })}
          </Typography.Text>
          <div data-testid={`tier-funnel-${tier.code}`}>
            {t('pipeline.tier.funnel', {
              ...tier.funnel,
              rate: tier.funnel.nominated
                ? `${Math.round((tier.funnel.selected / tier.funnel.nominated) * 100)}%`
                : '—',
            })}
          </div>
          {tier.averageAge !== null && <div>{t('pipeline.tier.age', { age: tier.averageAge })}</div>}
          <Button
            type="link"
            size="small"
            onClick={() => setOpen(tier)}
            data-testid={`tier-versions-${tier.code}`}
          >
            {t('pipeline.tier.versions')}
          </Button>
        </Card>
      ))}
      {shown && <TierVersionsModal tier={shown} onClose={() => setOpen(null)} />}
    </div>
  );
}

function Cohorts({ cohorts }: { cohorts: Cohort[] }) {
  const t = useT();
  const lang = useLanguage();
  const columns: ColumnsType<Cohort> = [
    {
      key: 'name',
      title: t('pipeline.cohort.name'),
      render: (_, k) => (
        <Link to={`/pipeline/cohorts/${encodeURIComponent(k.id)}`} data-testid="cohort-link">
          {k.name}
        </Link>
      ),
    },
    { key: 'tier', title: t('pipeline.cohort.tier'), render: (_, k) => tierName(k, lang) },
    { key: 'selection', title: t('pipeline.cohort.selection'), dataIndex: 'selectionDate' },
    { key: 'sendOff', title: t('pipeline.cohort.sendOff'), dataIndex: 'sendOffDate' },
    { key: 'target', title: t('pipeline.cohort.target'), dataIndex: 'intakeTarget' },
    { key: 'members', title: t('pipeline.cohort.members'), dataIndex: 'members' },
    { key: 'placed', title: t('pipeline.cohort.placed'), dataIndex: 'placed' },
  ];
  return (
    <ResponsiveTable<Cohort>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={cohorts}
      pagination={false}
      cardFields={['name', 'tier', 'selection', 'members', 'placed']}
      data-testid="pipeline-cohorts"
    />
  );
}

interface NominateValues {
  orgId: string;
  personId: string;
  tierId: string;
  selectionDate: string;
  reason: string;
}

function NominateModal({ program, onClose }: { program: Program; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NominateValues>();
  const orgId = Form.useWatch('orgId', form);
  const [error, setError] = useState<string | null>(null);
  const required = { required: true, message: fieldMessage('required', lang) };
  const nominate = useMutation({
    mutationFn: ({ orgId: _o, ...v }: NominateValues) =>
      pipelineApi.nominate({ ...v, selectionDate: v.selectionDate.trim(), reason: v.reason.trim() }),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: ['pipeline'] });
      onClose();
      void navigate(`/pipeline/candidates/${encodeURIComponent(c.id)}`);
    },
    onError: (e) => setError(isApiError(e) ? e.message : String(e)),
  });
  return (
    <Modal
      open
      title={t('pipeline.nominate.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pipeline.nominate')}
      cancelText={t('common.cancel')}
      confirmLoading={nominate.isPending}
      okButtonProps={{ 'data-testid': 'nominate-submit' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="xh-section" />}
      <Form<NominateValues>
        form={form}
        layout="vertical"
        initialValues={{ tierId: program.tiers[0]?.id, selectionDate: new Date().toISOString().slice(0, 10) }}
        onFinish={(v) => {
          setError(null);
          nominate.mutate(v);
        }}
      >
        <Form.Item name="tierId" label={t('pipeline.nominate.tier')} rules={[required]}>
          <Select
            data-testid="nominate-tier"
            options={program.tiers.map((x) => ({ value: x.id, label: lang === 'en' ? x.nameEn : x.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="orgId" label={t('pipeline.nominate.org')} rules={[required]}>
          <OrgTreeSelect testId="nominate-org" ariaLabel={t('pipeline.nominate.org')} />
        </Form.Item>
        <Form.Item name="personId" label={t('pipeline.nominate.person')} rules={[required]}>
          {orgId ? <PersonSelect orgId={orgId} testId="nominate-person" /> : <Select disabled />}
        </Form.Item>
        <Form.Item
          name="selectionDate"
          label={t('pipeline.nominate.selectionDate')}
          rules={[required, zodRule(isoDate, lang)]}
        >
          <Input data-testid="nominate-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('pipeline.nominate.reason')} rules={[required]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="nominate-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function PipelinePage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [nominating, setNominating] = useState(false);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const tierId = params.get('tierId') ?? undefined;
  const state = (params.get('state') ?? undefined) as CandidateState | undefined;
  const q = params.get('q') ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const programs = useQuery({
    queryKey: ['pipeline', 'programs'],
    queryFn: ({ signal }) => pipelineApi.programs(signal),
  });
  const cohorts = useQuery({
    queryKey: ['pipeline', 'cohorts'],
    queryFn: ({ signal }) => pipelineApi.cohorts(undefined, signal),
  });
  const list = useQuery({
    queryKey: ['pipeline', 'candidates', page, pageSize, tierId, state, q],
    queryFn: ({ signal }) => pipelineApi.candidates({ page, pageSize, tierId, state, q }, signal),
    placeholderData: keepPreviousData,
  });
  const program = programs.data?.items[0];
  const columns: ColumnsType<CandidateItem> = [
    {
      key: 'name',
      title: t('pipeline.col.name'),
      render: (_, c) => (
        <Link to={`/pipeline/candidates/${encodeURIComponent(c.id)}`} data-testid="candidate-link">
          {c.personName}
        </Link>
      ),
    },
    { key: 'birth', title: t('pipeline.col.birth'), render: (_, c) => c.birthDate.slice(0, 7) },
    { key: 'org', title: t('pipeline.col.org'), dataIndex: 'orgName' },
    { key: 'tier', title: t('pipeline.col.tier'), render: (_, c) => tierName(c, lang) },
    {
      key: 'state',
      title: t('pipeline.col.state'),
      render: (_, c) => <Tag>{stateLabel(c.state, lang)}</Tag>,
    },
    { key: 'eligible', title: t('pipeline.col.eligible'), render: (_, c) => eligibleLabel(c, t) },
    { key: 'cohort', title: t('pipeline.col.cohort'), dataIndex: 'cohortName' },
  ];
  if (programs.error) return <QueryError error={programs.error} onRetry={() => void programs.refetch()} />;
  return (
    <div>
      <div className="xh-page-head">
        <Typography.Title level={1}>{program?.name ?? t('pipeline.title')}</Typography.Title>
        {program && (
          <Typography.Text type="secondary">
            {t('pipeline.period', { from: program.periodFrom, to: program.periodTo })}
          </Typography.Text>
        )}
        <Link to="/pipeline/succession" data-testid="succession-link">
          {t('succession.link')}
        </Link>
        <Link to="/pipeline/dashboard" data-testid="pipeline-dashboard-link">
          {t('succession.dashboardLink')}
        </Link>
      </div>
      {program && <Tiers program={program} />}
      <Typography.Title level={2}>{t('pipeline.cohorts')}</Typography.Title>
      <Cohorts cohorts={cohorts.data?.items ?? []} />
      <Typography.Title level={2}>{t('pipeline.board')}</Typography.Title>
      <div className="xh-pl-filters">
        <Select
          allowClear
          placeholder={t('pipeline.filter.tier')}
          value={tierId}
          onChange={(v?: string) => set({ tierId: v })}
          data-testid="filter-tier"
          options={(program?.tiers ?? []).map((x) => ({
            value: x.id,
            label: lang === 'en' ? x.nameEn : x.nameZh,
          }))}
        />
        <Select
          allowClear
          placeholder={t('pipeline.filter.state')}
          value={state}
          onChange={(v?: string) => set({ state: v })}
          data-testid="filter-state"
          options={CANDIDATE_STATES.map((s) => ({ value: s, label: stateLabel(s, lang) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('pipeline.filter.q')}
          defaultValue={q}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          data-testid="filter-q"
        />
        <ExportButton
          size="middle"
          testId="pipeline-export"
          href={`/api/pipeline/candidates/export?${new URLSearchParams(
            Object.entries({ tierId, state, q }).filter((e): e is [string, string] => !!e[1]),
          ).toString()}`}
        />
        {program && hasPermission(me, 'pipeline:nominate') && (
          <Button type="primary" onClick={() => setNominating(true)} data-testid="nominate-open">
            {t('pipeline.nominate')}
          </Button>
        )}
      </div>
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <ResponsiveTable<CandidateItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        cardFields={['name', 'org', 'tier', 'state', 'eligible']}
        data-testid="pipeline-board"
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: ['20', '50', '100'],
        }}
        onChange={(p) => set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
      />
      {nominating && program && <NominateModal program={program} onClose={() => setNominating(false)} />}
    </div>
  );
}
