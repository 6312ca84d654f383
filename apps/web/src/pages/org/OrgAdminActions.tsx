// 组织管理: 新增下级, 更名, 迁移, 撤销, 合并, 拆分 on the org page, each a small form checked as it is typed.
import {
  ALLOWED_PARENT,
  PARTY_ORG_TYPES,
  SUB_KIND_OF,
  deactivateOrgBody,
  newVillageBody,
  type OrgDetail,
  type OrgKind,
} from '@xinhuo/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Modal, Radio, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { orgsApi, peopleApi } from '../../api/endpoints';
import { orgAdminApi } from '../../api/org-endpoints';
import { isApiError } from '../../api/client';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLanguage, useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { labels } from '../../lib/labels';
import { zodRule } from '../../lib/zod-rule';

type Mode = 'create' | 'rename' | 'move' | 'deactivate' | 'merge' | 'split';

const CHILD_KINDS: readonly OrgKind[] = ['town', 'village', 'organ', 'department'];
const dateOf = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** The buttons an org:write user sees on an active org, and the form each opens. */
export function OrgAdminActions({ org }: { org: OrgDetail }) {
  const t = useT();
  const [mode, setMode] = useState<Mode | null>(null);
  if (!org.isActive) return null;
  const childKinds = CHILD_KINDS.filter((k) => ALLOWED_PARENT[k].includes(org.kind));
  const modes: Mode[] = [
    ...(childKinds.length > 0 ? (['create'] as const) : []),
    'rename',
    ...(org.kind !== 'city' ? (['move', 'deactivate'] as const) : []),
    ...(org.kind === 'village' ? (['merge', 'split'] as const) : []),
  ];
  return (
    <>
      {modes.map((m) => (
        <Button key={m} onClick={() => setMode(m)} data-testid={`org-admin-${m}`}>
          {t(`orgAdmin.${m}`)}
        </Button>
      ))}
      {mode && <OrgAdminModal org={org} mode={mode} childKinds={childKinds} onClose={() => setMode(null)} />}
    </>
  );
}

interface Values {
  name?: string;
  kind?: OrgKind;
  subKind?: string;
  partyOrgType?: string;
  code?: string;
  effectiveDate?: Dayjs;
  reason?: string;
  newParentId?: string;
  otherId?: string;
  into?: 'new' | 'this' | 'other';
  parts?: {
    name: string;
    subKind: 'village' | 'community';
    partyOrgType: (typeof PARTY_ORG_TYPES)[number];
  }[];
  personParts?: Record<string, number>;
  mattersPart?: number;
}

const FIELD_NAMES = [
  'name',
  'kind',
  'subKind',
  'partyOrgType',
  'code',
  'effectiveDate',
  'reason',
  'newParentId',
];

function OrgAdminModal({
  org,
  mode,
  childKinds,
  onClose,
}: {
  org: OrgDetail;
  mode: Mode;
  childKinds: readonly OrgKind[];
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const into = Form.useWatch('into', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = useQuery({
    queryKey: ['people', 'of-org', org.id],
    queryFn: ({ signal }) => peopleApi.list({ orgId: org.id, page: 1, pageSize: 200 }, signal),
    enabled: mode === 'split',
  });

  // Merges join neighbours: the other villages of the same town.
  const siblings = useQuery({
    queryKey: ['orgs', 'children', org.parentId],
    queryFn: ({ signal }) => orgsApi.children(org.parentId ?? undefined, signal),
    enabled: mode === 'merge' && org.parentId !== null,
  });
  const nameRule = zodRule(newVillageBody.shape.name, lang);
  const reasonRule = zodRule(deactivateOrgBody.shape.reason, lang);
  const required = { required: true, message: t('orgAdmin.required') };
  const subKindOptions = (k: OrgKind) =>
    SUB_KIND_OF[k].map((s) => ({ value: s, label: labels.subKind(s, lang) }));
  const partyOptions = PARTY_ORG_TYPES.map((p) => ({ value: p, label: labels.partyOrgType(p, lang) }));

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      let goTo: string | null = null;
      const effectiveDate = dateOf(v.effectiveDate);
      if (mode === 'create') {
        const created = await orgAdminApi.create({
          parentId: org.id,
          name: v.name!.trim(),
          kind: v.kind as 'town' | 'village' | 'organ' | 'department',
          subKind: v.subKind as never,
          partyOrgType: (v.partyOrgType as never) ?? null,
          code: v.code?.trim() || null,
          effectiveDate,
        });
        goTo = created.id;
      } else if (mode === 'rename') {
        await orgAdminApi.update(org.id, { version: org.version, name: v.name!.trim(), effectiveDate });
      } else if (mode === 'move') {
        await orgAdminApi.move(org.id, { version: org.version, newParentId: v.newParentId! });
      } else if (mode === 'deactivate') {
        await orgAdminApi.deactivate(org.id, {
          version: org.version,
          reason: v.reason!.trim(),
          effectiveDate,
        });
      } else if (mode === 'merge') {
        const r = await orgAdminApi.merge({
          sourceIds: [org.id, v.otherId!],
          effectiveDate: effectiveDate!,
          reason: v.reason!.trim(),
          ...(v.into === 'new'
            ? {
                newVillage: {
                  name: v.name!.trim(),
                  subKind: v.subKind as 'village' | 'community',
                  partyOrgType: v.partyOrgType as (typeof PARTY_ORG_TYPES)[number],
                },
              }
            : { targetId: v.into === 'this' ? org.id : v.otherId! }),
        });
        void message.success(t('orgAdmin.merged', r.moved));
        goTo = r.targets[0]!.id;
      } else {
        const r = await orgAdminApi.split(org.id, {
          version: org.version,
          effectiveDate: effectiveDate!,
          parts: v.parts!.map((p) => ({ ...p, name: p.name.trim() })),
          personParts: v.personParts ?? {},
          mattersPart: v.mattersPart ?? 0,
          reason: v.reason!.trim(),
        });
        void message.success(t('orgAdmin.split.done', r.moved));
      }
      if (mode !== 'merge' && mode !== 'split') void message.success(t('orgAdmin.done'));
      await queryClient.invalidateQueries({ queryKey: ['orgs'] });
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      onClose();
      if (goTo) void navigate(`/orgs/${encodeURIComponent(goTo)}`);
    } catch (e) {
      if (!applyServerFieldErrors(form, e, FIELD_NAMES))
        setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const dateField = (req: boolean, label = t('orgAdmin.effectiveDate')) => (
    <Form.Item
      name="effectiveDate"
      label={label}
      extra={mode === 'create' ? undefined : t('orgAdmin.effectiveDateHint')}
      rules={req ? [required] : []}
    >
      <DatePicker disabledDate={notAfterToday} data-testid="org-admin-date" />
    </Form.Item>
  );
  const reasonField = (
    <Form.Item name="reason" label={t('orgAdmin.reason')} rules={[required, reasonRule]}>
      <Input.TextArea rows={2} maxLength={200} data-testid="org-admin-reason" />
    </Form.Item>
  );
  const villageFields = (prefix: (string | number)[], testId: string) => (
    <Space wrap align="start">
      <Form.Item name={[...prefix, 'name']} label={t('orgAdmin.name')} rules={[required, nameRule]}>
        <Input maxLength={60} data-testid={testId} />
      </Form.Item>
      <Form.Item name={[...prefix, 'subKind']} label={t('orgAdmin.subKind')} rules={[required]}>
        <Select style={{ width: 120 }} options={subKindOptions('village')} />
      </Form.Item>
      <Form.Item name={[...prefix, 'partyOrgType']} label={t('orgAdmin.partyOrgType')} rules={[required]}>
        <Select style={{ width: 140 }} options={partyOptions} />
      </Form.Item>
    </Space>
  );

  return (
    <Modal
      open
      title={`${t(`orgAdmin.${mode}`)} · ${org.name}`}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, id: 'org-admin-ok' }}
      onCancel={onClose}
      destroyOnHidden
      width={mode === 'split' ? 720 : 560}
    >
      {error && <Alert type="error" showIcon title={error} className="xh-form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          mode === 'create'
            ? { kind: childKinds[0], subKind: childKinds[0] ? SUB_KIND_OF[childKinds[0]][0] : undefined }
            : {
                name: mode === 'rename' ? org.name : undefined,
                effectiveDate: dayjs(),
                into: 'new',
                subKind: 'village',
                partyOrgType: 'branch',
                parts: [
                  { name: '', subKind: 'village', partyOrgType: 'branch' },
                  { name: '', subKind: 'village', partyOrgType: 'branch' },
                ],
                mattersPart: 0,
              }
        }
        onFinish={(v) => void submit(v)}
      >
        {mode === 'create' && (
          <>
            <Form.Item name="kind" label={t('orgAdmin.kind')} rules={[required]}>
              <Select
                options={childKinds.map((k) => ({ value: k, label: labels.orgKind(k, lang) }))}
                onChange={(k: OrgKind) => form.setFieldValue('subKind', SUB_KIND_OF[k][0])}
              />
            </Form.Item>
            <Form.Item name="name" label={t('orgAdmin.name')} rules={[required, nameRule]}>
              <Input maxLength={60} data-testid="org-admin-name" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="subKind" label={t('orgAdmin.subKind')} rules={[required]}>
                <Select style={{ width: 140 }} options={subKindOptions(kind ?? childKinds[0]!)} />
              </Form.Item>
              <Form.Item
                name="partyOrgType"
                label={t('orgAdmin.partyOrgType')}
                rules={kind === 'village' ? [required] : []}
              >
                <Select style={{ width: 160 }} allowClear options={partyOptions} />
              </Form.Item>
              <Form.Item name="code" label={t('orgAdmin.code')} rules={[{ max: 30 }]}>
                <Input maxLength={30} style={{ width: 140 }} />
              </Form.Item>
            </Space>
            {dateField(false, t('orgAdmin.createdFrom'))}
          </>
        )}
        {mode === 'rename' && (
          <>
            <Form.Item name="name" label={t('orgAdmin.newName')} rules={[required, nameRule]}>
              <Input maxLength={60} data-testid="org-admin-name" />
            </Form.Item>
            {dateField(true)}
          </>
        )}
        {mode === 'move' && (
          <Form.Item name="newParentId" label={t('orgAdmin.newParent')} rules={[required]}>
            <OrgTreeSelect
              selectable={(o) =>
                o.isActive && o.id !== org.parentId && ALLOWED_PARENT[org.kind].includes(o.kind)
              }
            />
          </Form.Item>
        )}
        {mode === 'deactivate' && (
          <>
            {dateField(true)}
            {reasonField}
          </>
        )}
        {mode === 'merge' && (
          <>
            <Form.Item name="otherId" label={t('orgAdmin.mergeWith')} rules={[required]}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="org-admin-other"
                loading={siblings.isPending}
                options={(siblings.data?.items ?? [])
                  .filter((o) => o.kind === 'village' && o.isActive && o.id !== org.id)
                  .map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
            <Form.Item name="into" label={t('orgAdmin.mergeInto')}>
              <Radio.Group
                options={[
                  { value: 'new', label: t('orgAdmin.intoNew') },
                  { value: 'this', label: t('orgAdmin.intoThis') },
                  { value: 'other', label: t('orgAdmin.intoOther') },
                ]}
              />
            </Form.Item>
            {into === 'new' && (
              <Space wrap align="start">
                <Form.Item name="name" label={t('orgAdmin.name')} rules={[required, nameRule]}>
                  <Input maxLength={60} data-testid="org-admin-name" />
                </Form.Item>
                <Form.Item name="subKind" label={t('orgAdmin.subKind')} rules={[required]}>
                  <Select style={{ width: 120 }} options={subKindOptions('village')} />
                </Form.Item>
                <Form.Item name="partyOrgType" label={t('orgAdmin.partyOrgType')} rules={[required]}>
                  <Select style={{ width: 140 }} options={partyOptions} />
                </Form.Item>
              </Space>
            )}
            {dateField(true)}
            {reasonField}
          </>
        )}
        {mode === 'split' && (
          <>
            {[0, 1].map((i) => (
              <div key={i}>
                <div className="ant-form-item-label">{t('orgAdmin.part', { n: i + 1 })}</div>
                {villageFields(['parts', i], `org-admin-part-${i}`)}
              </div>
            ))}
            <div className="ant-form-item-label">{t('orgAdmin.peopleGoTo')}</div>
            {people.data && people.data.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgAdmin.noPeople')} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                loading={people.isPending}
                pagination={false}
                scroll={{ y: 200 }}
                dataSource={people.data?.items ?? []}
                columns={[
                  { title: t('orgAdmin.name'), dataIndex: 'name' },
                  {
                    title: t('orgAdmin.split'),
                    key: 'part',
                    render: (_: unknown, p: { id: string }) => (
                      <Form.Item name={['personParts', p.id]} initialValue={0} noStyle>
                        <Select
                          style={{ width: 200 }}
                          options={[0, 1].map((n) => ({ value: n, label: t('orgAdmin.part', { n: n + 1 }) }))}
                        />
                      </Form.Item>
                    ),
                  },
                ]}
              />
            )}
            <Form.Item name="mattersPart" label={t('orgAdmin.mattersGoTo')} className="xh-section">
              <Select options={[0, 1].map((n) => ({ value: n, label: t('orgAdmin.part', { n: n + 1 }) }))} />
            </Form.Item>
            {dateField(true)}
            {reasonField}
          </>
        )}
      </Form>
    </Modal>
  );
}
