import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { PersonListItem } from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';
import type { Translate } from '../../i18n/use-t';
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
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('name', sort, order),
      render: (_: unknown, row) => (
        <Link to={`/people/${encodeURIComponent(row.id)}`} data-testid="roster-name">
          {row.name}
        </Link>
      ),
    },
    {
      key: 'gender',
      title: t('col.gender'),
      dataIndex: 'gender',
      width: 64,
      render: (g: string) => labels.gender(g, lang),
    },
    { key: 'age', title: t('col.age'), dataIndex: 'age', width: 64, align: 'right' },
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
      width: 140,
      render: (code: string) => labels.education(code, lang),
    },
    {
      key: 'politicalStatus',
      title: t('col.politicalStatus'),
      dataIndex: 'politicalStatus',
      width: 120,
      render: (code: string) => labels.politicalStatus(code, lang),
    },
    {
      key: 'org',
      title: t('col.org'),
      dataIndex: 'orgName',
      width: 190,
      sorter: true,
      sortOrder: sortOrderOf('org', sort, order),
      render: (_: unknown, row) => (
        <span>
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
      width: 200,
      render: (_: unknown, row) => row.positions.map((p) => labels.positionRole(p.role, lang)).join('、'),
    },
    {
      key: 'idNumber',
      title: t('col.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 180,
      className: 'xh-mono',
    },
    { key: 'phone', title: t('col.phone'), dataIndex: 'phoneMasked', width: 120, className: 'xh-mono' },
    {
      key: 'secretaryDirector',
      title: t('col.secretaryDirector'),
      dataIndex: 'isSecretaryDirector',
      width: 96,
      render: (is: boolean) => (is ? <Tag color="red">{t('tag.secretaryDirector')}</Tag> : null),
    },
  ];
}
