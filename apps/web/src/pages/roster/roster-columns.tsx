import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { PersonListItem } from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';
import type { Translate } from '../../i18n/use-t';
import { joinList } from '../../lib/format';
import { labels } from '../../lib/labels';
import type { SortField, SortOrder } from './roster-params';

type SortOrderProp = 'ascend' | 'descend' | null;

function sortOrderOf(field: SortField, sort?: SortField, order?: SortOrder): SortOrderProp {
  if (sort !== field) return null;
  return order === 'desc' ? 'descend' : 'ascend';
}

/** Roster columns; sortable ones map to the API's `sort=name|birthDate|org`. */
export function rosterColumns(
  t: Translate,
  lang: Language,
  sort?: SortField,
  order?: SortOrder,
): ColumnsType<PersonListItem> {
  return [
    {
      key: 'name',
      title: t('col.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf('name', sort, order),
      render: (_: unknown, row) => (
        <Link to={`/people/${encodeURIComponent(row.id)}`} data-testid="roster-name" title={row.name}>
          {row.name}
        </Link>
      ),
    },
    {
      key: 'gender',
      title: t('col.gender'),
      dataIndex: 'gender',
      width: 60,
      render: (g: string) => labels.gender(g, lang),
    },
    { key: 'age', title: t('col.age'), dataIndex: 'age', width: 60, align: 'right' },
    {
      key: 'birthDate',
      title: t('col.birthDate'),
      dataIndex: 'birthDate',
      width: 116,
      sorter: true,
      sortOrder: sortOrderOf('birthDate', sort, order),
    },
    {
      key: 'education',
      title: t('col.education'),
      dataIndex: 'education',
      width: 112,
      render: (code: string) => labels.education(code, lang),
    },
    {
      key: 'politicalStatus',
      title: t('col.politicalStatus'),
      dataIndex: 'politicalStatus',
      width: 104,
      render: (code: string) => labels.politicalStatus(code, lang),
    },
    {
      key: 'org',
      title: t('col.org'),
      dataIndex: 'orgName',
      width: 180,
      sorter: true,
      sortOrder: sortOrderOf('org', sort, order),
      render: (_: unknown, row) => (
        <span title={row.townName ? `${row.townName} · ${row.orgName}` : row.orgName}>
          <Typography.Text type="secondary" data-testid="roster-town">
            {row.townName ?? ''}
          </Typography.Text>
          {row.townName ? ' · ' : ''}
          <Link
            to={`/orgs/${encodeURIComponent(row.orgId)}`}
            className="xh-inline-link"
            data-testid="roster-org"
          >
            {row.orgName}
          </Link>
        </span>
      ),
    },
    {
      key: 'positions',
      title: t('col.positions'),
      dataIndex: 'positions',
      width: 150,
      render: (_: unknown, row) =>
        joinList(
          row.positions.map((p) => labels.positionRole(p.role, lang)),
          lang,
        ),
    },
    {
      key: 'idNumber',
      title: t('col.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 176,
      className: 'xh-mono',
    },
    { key: 'phone', title: t('col.phone'), dataIndex: 'phoneMasked', width: 124, className: 'xh-mono' },
    {
      key: 'secretaryDirector',
      title: t('col.secretaryDirector'),
      dataIndex: 'isSecretaryDirector',
      width: 88,
      render: (is: boolean) => (is ? <Tag color="red">{t('tag.secretaryDirector')}</Tag> : null),
    },
  ];
}
