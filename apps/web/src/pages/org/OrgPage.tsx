// 组织详情: an org's record, its place in the tree, its children and its change history.
import { BarChartOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { orgsApi } from '../../api/endpoints';
import type { Org, OrgDetail } from '@xinhuo/shared';
import { hasPermission, useMe } from '../../auth/me-context';
import { OrgBreadcrumb, useOrgDetail } from '../../components/OrgBreadcrumb';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import type { Language } from '../../i18n/language-store';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import { useCurrentOrg } from '../../layout/current-org';
import { detailsText, formatTimestamp } from '../../lib/format';
import { labels } from '../../lib/labels';
import { TermsSection } from './TermsSection';
import { LineageCard } from './LineageCard';
import { OrgAdminActions } from './OrgAdminActions';

const orgHref = (id: string) => `/orgs/${encodeURIComponent(id)}`;

function StatusTag({ isActive }: { isActive: boolean }) {
  const t = useT();
  return isActive ? <Tag color="green">{t('org.active')}</Tag> : <Tag>{t('org.inactive')}</Tag>;
}

function ChildrenTable({ orgId }: { orgId: string }) {
  const t = useT();
  const lang = useLanguage();
  const children = useQuery({
    queryKey: ['orgs', 'children', orgId],
    queryFn: ({ signal }) => orgsApi.children(orgId, signal),
  });
  if (children.isError) return <QueryError error={children.error} onRetry={() => void children.refetch()} />;
  return (
    <ResponsiveTable<Org>
      size="small"
      rowKey="id"
      cardFields={['name', 'subKind', 'childCount', 'isActive']}
      loading={children.isPending}
      dataSource={children.data?.items ?? []}
      pagination={(children.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      data-testid="org-children"
      columns={[
        {
          key: 'name',
          title: t('org.name'),
          dataIndex: 'name',
          render: (_: unknown, row) => <Link to={orgHref(row.id)}>{row.name}</Link>,
        },
        {
          key: 'subKind',
          title: t('org.subKind'),
          dataIndex: 'subKind',
          render: (v: string) => labels.subKind(v, lang),
        },
        {
          key: 'partyOrgType',
          title: t('org.partyOrgType'),
          dataIndex: 'partyOrgType',
          render: (v: string | null) => labels.partyOrgType(v, lang) || '–',
        },
        { key: 'code', title: t('org.code'), dataIndex: 'code', render: (v: string | null) => v ?? '–' },
        { key: 'childCount', title: t('col.childCount'), dataIndex: 'childCount', align: 'right' },
        {
          key: 'isActive',
          title: t('col.status'),
          dataIndex: 'isActive',
          render: (v: boolean) => <StatusTag isActive={v} />,
        },
      ]}
    />
  );
}

const HISTORY_ACTIONS = ['created', 'renamed', 'updated', 'moved', 'deactivated'] as const;

function historyActionLabel(action: string, t: ReturnType<typeof useT>): string {
  const known = HISTORY_ACTIONS.find((a) => a === action);
  if (action === 'merged' || action === 'split') return t(`orgAdmin.history.${action}`);
  return known ? t(`orgHistory.${known}`) : action;
}

/** Labels of the fields an org's history records (ids are left out: the names beside them say it). */
const HISTORY_FIELDS: Record<string, MessageKey> = {
  name: 'org.name',
  kind: 'org.kind',
  subKind: 'org.subKind',
  partyOrgType: 'org.partyOrgType',
  code: 'org.code',
  effectiveDate: 'org.effectiveDate',
  reason: 'org.reason',
  toParentName: 'org.movedTo',
};

/** A history entry's details as "label: value" pairs, e.g. 名称：张家港市 (raw JSON was shown before). */
function historyDetails(details: unknown, t: ReturnType<typeof useT>, lang: Language): string {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return detailsText(details);
  const parts: string[] = [];
  for (const [field, value] of Object.entries(details as Record<string, unknown>)) {
    const label = HISTORY_FIELDS[field];
    if (!label || value === null || value === undefined || value === '') continue;
    const shown =
      field === 'subKind' && typeof value === 'string'
        ? labels.subKind(value, lang)
        : field === 'partyOrgType' && typeof value === 'string'
          ? labels.partyOrgType(value, lang)
          : detailsText(value);
    parts.push(`${t(label)}${lang === 'en' ? ': ' : '：'}${shown}`);
  }
  return parts.join(lang === 'en' ? '; ' : '；');
}

function History({ org }: { org: OrgDetail }) {
  const t = useT();
  const lang = useLanguage();
  if (org.history.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noHistory')} />;
  return (
    <Timeline
      data-testid="org-history"
      items={org.history.map((entry, index) => ({
        key: `${entry.at}-${index}`,
        content: (
          <>
            <Typography.Text type="secondary">{formatTimestamp(entry.at)}</Typography.Text>{' '}
            <Typography.Text strong>{historyActionLabel(entry.action, t)}</Typography.Text>
            {entry.actorName ? (
              <Typography.Text type="secondary"> · {entry.actorName}</Typography.Text>
            ) : null}
            {entry.details && historyDetails(entry.details, t, lang) ? (
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 2, expandable: true }}
                className="xh-history-details"
              >
                {historyDetails(entry.details, t, lang)}
              </Typography.Paragraph>
            ) : null}
          </>
        ),
      }))}
    />
  );
}

export default function OrgPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const { id = '' } = useParams();
  const { setCurrentOrg } = useCurrentOrg();
  const org = useOrgDetail(id);

  const loadedId = org.data?.id;
  const loadedName = org.data?.name;
  useEffect(() => {
    if (loadedId && loadedName) setCurrentOrg({ id: loadedId, name: loadedName });
  }, [loadedId, loadedName, setCurrentOrg]);

  if (org.isPending) return <Spin size="large" className="xh-page-spin" />;
  if (org.isError)
    return (
      <QueryError error={org.error} onRetry={() => void org.refetch()} notFoundTitle={t('org.notFound')} />
    );

  const data = org.data;
  const scopeQuery = new URLSearchParams({ orgId: data.id }).toString();
  return (
    <div data-testid="org-page">
      <div className="xh-page-head">
        <Space orientation="vertical" size={4}>
          <Typography.Title level={1} data-testid="org-name">
            {data.name}
          </Typography.Title>
          <OrgBreadcrumb orgId={data.id} orgName={data.name} hrefFor={orgHref} />
        </Space>
        <Space wrap>
          {hasPermission(me, 'org:write') && <OrgAdminActions org={data} />}
          {hasPermission(me, 'stats:read') && (
            <Link to={`/dashboard?${scopeQuery}`}>
              <Button icon={<BarChartOutlined />}>{t('org.openDashboard')}</Button>
            </Link>
          )}
          {hasPermission(me, 'roster:read') && (
            <Link to={`/roster?${scopeQuery}`}>
              <Button icon={<TeamOutlined />}>{t('org.openRoster')}</Button>
            </Link>
          )}
        </Space>
      </div>
      <Card size="small" title={t('org.title')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'name', label: t('org.name'), children: data.name },
            { key: 'kind', label: t('org.kind'), children: labels.orgKind(data.kind, lang) },
            { key: 'subKind', label: t('org.subKind'), children: labels.subKind(data.subKind, lang) },
            {
              key: 'partyOrgType',
              label: t('org.partyOrgType'),
              children: labels.partyOrgType(data.partyOrgType, lang) || '–',
            },
            { key: 'code', label: t('org.code'), children: data.code ?? '–' },
            { key: 'status', label: t('org.status'), children: <StatusTag isActive={data.isActive} /> },
          ]}
        />
      </Card>
      {data.childCount > 0 && (
        <Card size="small" title={t('org.children')} className="xh-section">
          <ChildrenTable orgId={data.id} />
        </Card>
      )}
      {data.kind === 'village' && hasPermission(me, 'roster:read') && <TermsSection orgId={data.id} />}
      <LineageCard org={data} />
      <Card size="small" title={t('org.history')} className="xh-section">
        <History org={data} />
      </Card>
    </div>
  );
}
