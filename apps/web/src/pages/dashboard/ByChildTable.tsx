import { Button, Table } from 'antd';
import type { RosterStatsChild } from '@xinhuo/shared';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatInteger, formatOneDecimal, formatPercent } from '../../lib/format';
import { labels } from '../../lib/labels';

interface ByChildTableProps {
  rows: RosterStatsChild[];
  onDrill: (child: RosterStatsChild) => void;
}

/** One row per child org; a click drills down into it. */
export function ByChildTable({ rows, onDrill }: ByChildTableProps) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Table<RosterStatsChild>
      size="small"
      rowKey="orgId"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      // On a phone the table scrolls inside its own box rather than widening the page.
      scroll={{ x: 'max-content' }}
      data-testid="by-child-table"
      onRow={(row) => ({ onClick: () => onDrill(row), className: 'xh-clickable-row' })}
      columns={[
        {
          title: t('col.org'),
          dataIndex: 'name',
          render: (_: unknown, row) => (
            <Button
              type="link"
              size="small"
              className="xh-link-cell"
              onClick={(e) => {
                e.stopPropagation();
                onDrill(row);
              }}
            >
              {row.name}
            </Button>
          ),
        },
        { title: t('col.kind'), dataIndex: 'kind', render: (kind: string) => labels.orgKind(kind, lang) },
        {
          title: t('col.organizations'),
          dataIndex: 'organizations',
          align: 'right',
          sorter: (a, b) => a.organizations - b.organizations,
          render: (v: number) => formatInteger(v, lang),
        },
        {
          title: t('col.members'),
          dataIndex: 'members',
          align: 'right',
          sorter: (a, b) => a.members - b.members,
          render: (v: number) => formatInteger(v, lang),
        },
        {
          title: t('col.averageAge'),
          dataIndex: 'averageAge',
          align: 'right',
          sorter: (a, b) => (a.averageAge ?? 0) - (b.averageAge ?? 0),
          render: (v: number | null) => formatOneDecimal(v),
        },
        {
          title: t('col.collegeShare'),
          dataIndex: 'collegeShare',
          align: 'right',
          sorter: (a, b) => (a.collegeShare ?? 0) - (b.collegeShare ?? 0),
          render: (v: number | null) => formatPercent(v),
        },
        {
          title: t('col.secretaryDirectorRate'),
          dataIndex: 'secretaryDirectorRate',
          align: 'right',
          sorter: (a, b) => (a.secretaryDirectorRate ?? 0) - (b.secretaryDirectorRate ?? 0),
          render: (v: number | null) => formatPercent(v),
        },
      ]}
    />
  );
}
