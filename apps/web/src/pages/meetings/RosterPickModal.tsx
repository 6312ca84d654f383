// 从花名册添加: participants picked from the roster — an org (a town, a village) and a post (e.g. every
// village Party secretary of 金港镇), all ticked by default; the server checks each person's scope again.
import { POSITION_ROLES, type PersonListItem, type PositionRole } from '@xinhuo/shared';
import { useQuery } from '@tanstack/react-query';
import { Modal, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { peopleApi } from '../../api/endpoints';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLanguage, useT } from '../../i18n/use-t';
import { labels } from '../../lib/labels';
import { joinList } from '../../lib/format';

/** The most people one pick adds (a county's village secretaries fit). */
const PICK_LIMIT = 200;

export interface PickedPerson {
  personId: string;
  orgId: string;
  name: string;
  orgName: string;
}

export function RosterPickModal({
  open,
  exclude,
  onClose,
  onPick,
}: {
  open: boolean;
  /** People already in the list: shown, not added twice. */
  exclude: ReadonlySet<string>;
  onClose: () => void;
  onPick: (people: PickedPerson[]) => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const [orgId, setOrgId] = useState<string>();
  const [role, setRole] = useState<PositionRole | undefined>('party_secretary');
  const [selected, setSelected] = useState<string[]>([]);
  const people = useQuery({
    queryKey: ['meetings', 'roster-pick', orgId, role],
    queryFn: ({ signal }) =>
      peopleApi.list({ orgId, role, committee: 'any', page: 1, pageSize: PICK_LIMIT, sort: 'org' }, signal),
    enabled: open && Boolean(orgId),
  });
  const rows = people.data?.items ?? [];
  // A new list ticks everyone who is not in the meeting yet.
  useEffect(() => {
    setSelected(rows.filter((p) => !exclude.has(p.id)).map((p) => p.id));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the list itself changes
  }, [people.data]);

  const placeOf = (p: PersonListItem) => [p.townName, p.orgName].filter(Boolean).join(' · ');
  return (
    <Modal
      open={open}
      title={t('meeting.pickFromRoster')}
      okText={t('meeting.pickAdd', { n: selected.length })}
      okButtonProps={{ disabled: selected.length === 0, ...{ 'data-testid': 'roster-pick-ok' } }}
      onOk={() => {
        onPick(
          rows
            .filter((p) => selected.includes(p.id))
            .map((p) => ({ personId: p.id, orgId: p.orgId, name: p.name, orgName: placeOf(p) })),
        );
        onClose();
      }}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect
          value={orgId}
          onChange={(v) => setOrgId(v)}
          placeholder={t('meeting.pickOrg')}
          ariaLabel={t('meeting.pickOrg')}
          style={{ width: 260 }}
          testId="roster-pick-org"
        />
        <Select
          allowClear
          aria-label={t('meeting.pickRole')}
          placeholder={t('meeting.pickAnyRole')}
          style={{ width: 200 }}
          value={role}
          onChange={(v: PositionRole | undefined) => setRole(v)}
          options={POSITION_ROLES.map((r) => ({ value: r, label: labels.positionRole(r, lang) }))}
          data-testid="roster-pick-role"
        />
      </Space>
      {people.data && people.data.total > PICK_LIMIT && (
        <Typography.Paragraph type="warning">
          {t('meeting.pickTooMany', { total: people.data.total, limit: PICK_LIMIT })}
        </Typography.Paragraph>
      )}
      <Table<PersonListItem>
        size="small"
        rowKey="id"
        loading={people.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 360 }}
        data-testid="roster-pick-table"
        locale={{ emptyText: orgId ? t('meeting.pickNone') : t('meeting.pickOrgFirst') }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (p) => ({ disabled: exclude.has(p.id) }),
        }}
        columns={[
          { key: 'name', title: t('meeting.participantName'), dataIndex: 'name', width: 120 },
          { key: 'org', title: t('meeting.pickPlace'), render: (_: unknown, p) => placeOf(p) },
          {
            key: 'positions',
            title: t('meeting.pickPosts'),
            render: (_: unknown, p) =>
              joinList(
                p.positions.map((x) => labels.positionRole(x.role, lang)),
                lang,
              ),
          },
        ]}
      />
    </Modal>
  );
}
