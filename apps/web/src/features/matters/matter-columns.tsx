// Columns of a matter list (the board, a meeting's matters, the 回头看 section); the title first, so a
// table that fixes its first column keeps the title in view.
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { MatterCatalog, MatterListItem } from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';
import type { Translate } from '../../i18n/use-t';
import { DeadlineCell, SatisfactionTag, StateTag } from './MatterTags';
import { categoryName, priorityName } from './matter-labels';

type SortKey = 'raisedAt' | 'deadline';

interface ColumnOptions {
  sort?: string;
  order?: string;
  /** Columns to leave out (e.g. the village on a village's own page). */
  omit?: readonly string[];
  catalog?: MatterCatalog;
}

function sortOrder(key: SortKey, o: ColumnOptions): 'ascend' | 'descend' | null {
  if ((o.sort ?? 'raisedAt') !== key) return null;
  return o.order === 'asc' ? 'ascend' : 'descend';
}

export function matterColumns<T extends MatterListItem>(
  t: Translate,
  lang: Language,
  o: ColumnOptions = {},
): ColumnsType<T> {
  const columns: ColumnsType<T> = [
    {
      key: 'title',
      title: t('matter.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, row) => (
        <Link to={`/matters/${encodeURIComponent(row.id)}`} data-testid="matter-link" title={title}>
          {title}
        </Link>
      ),
    },
    {
      key: 'code',
      title: t('matter.code'),
      dataIndex: 'code',
      width: 132,
      render: (code: string, row) => (
        <Link to={`/matters/${encodeURIComponent(row.id)}`} className="xh-mono">
          {code}
        </Link>
      ),
    },
    {
      key: 'category',
      title: t('matter.category'),
      dataIndex: 'category',
      width: 96,
      render: (code: string, row) => (o.catalog ? categoryName(o.catalog, code, lang) : row.categoryName),
    },
    {
      key: 'priority',
      title: t('matter.priority'),
      dataIndex: 'priority',
      width: 60,
      render: (p: string) => priorityName(o.catalog, p, lang),
    },
    { key: 'village', title: t('matter.village'), dataIndex: 'villageName', width: 96 },
    { key: 'raiser', title: t('matter.raiser'), dataIndex: 'raiserName', width: 80 },
    {
      key: 'state',
      title: t('matter.state'),
      dataIndex: 'state',
      width: 112,
      render: (_: unknown, row) => <StateTag state={row.state} outcome={row.outcome} />,
    },
    {
      key: 'leadUnit',
      title: t('matter.leadUnit'),
      dataIndex: 'leadUnit',
      width: 120,
      render: (_: unknown, row) => row.leadUnit?.name ?? '–',
    },
    {
      key: 'raisedAt',
      title: t('matter.raisedOn'),
      dataIndex: 'raisedAt',
      width: 104,
      sorter: true,
      sortOrder: sortOrder('raisedAt', o),
      render: (at: string) => <span className="xh-mono">{at.slice(0, 10)}</span>,
    },
    {
      key: 'deadline',
      title: t('matter.deadline'),
      dataIndex: 'deadline',
      width: 156,
      sorter: true,
      sortOrder: sortOrder('deadline', o),
      render: (_: unknown, row) => <DeadlineCell matter={row} />,
    },
    {
      key: 'satisfaction',
      title: t('matter.satisfaction'),
      dataIndex: 'satisfaction',
      width: 80,
      render: (_: unknown, row) => <SatisfactionTag value={row.satisfaction} />,
    },
  ];
  const omit = new Set(o.omit ?? []);
  return columns.filter((c) => !omit.has(String(c.key)));
}
