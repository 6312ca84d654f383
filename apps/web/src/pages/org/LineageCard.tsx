// 沿革: when an org came into being and ceased, its former names, and what it was merged or split from and into.
import type { OrgDetail, OrgLineageLink } from '@xinhuo/shared';
import { Card, Descriptions, Empty, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/use-t';

function Links({ links }: { links: OrgLineageLink[] }) {
  const t = useT();
  return (
    <Space wrap>
      {links.map((l) => (
        <span key={`${l.orgId}-${l.effectiveDate}`}>
          <Link to={`/orgs/${encodeURIComponent(l.orgId)}`}>{l.name}</Link>{' '}
          <Tag>{t(`orgAdmin.kind.${l.kind}`)}</Tag>
          {l.effectiveDate}
        </span>
      ))}
    </Space>
  );
}

export function LineageCard({ org }: { org: OrgDetail }) {
  const t = useT();
  const items = [
    org.validFrom && { key: 'from', label: t('orgAdmin.validFrom'), children: org.validFrom },
    org.validTo && { key: 'to', label: t('orgAdmin.validTo'), children: org.validTo },
    org.formerNames.length > 0 && {
      key: 'names',
      label: t('orgAdmin.formerName'),
      children: org.formerNames
        .map((n) => t('orgAdmin.formerNameUntil', { name: n.name, date: n.validTo }))
        .join('；'),
    },
    org.predecessors.length > 0 && {
      key: 'pre',
      label: t('orgAdmin.predecessors'),
      children: <Links links={org.predecessors} />,
    },
    org.successors.length > 0 && {
      key: 'post',
      label: t('orgAdmin.successors'),
      children: <Links links={org.successors} />,
    },
  ].filter((x) => !!x);
  return (
    <Card size="small" title={t('orgAdmin.lineage')} className="xh-section" data-testid="org-lineage">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgAdmin.noLineage')} />
      ) : (
        <Descriptions size="small" column={1} items={items} />
      )}
    </Card>
  );
}
