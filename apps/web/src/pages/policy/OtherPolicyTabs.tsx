// The policy page's tabs outside the versioned policy kinds: the working-day overrides (today and later
// only) and the units' webhooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarOverride } from '@xinhuo/shared';
import { Alert, App, Button, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { policyApi } from '../../api/policy-endpoints';
import { QueryError } from '../../components/QueryError';
import { useMatterCatalog } from '../../features/matters/use-catalog';
import { useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';

export function CalendarTab() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const today = dayjs().format('YYYY-MM-DD');
  const key = ['policy', 'calendar', today];
  const overrides = useQuery({ queryKey: key, queryFn: ({ signal }) => policyApi.overrides(today, signal) });
  const [form] = Form.useForm<{ date: string; isWorkday: boolean; note: string }>();
  const done = () => void queryClient.invalidateQueries({ queryKey: ['policy', 'calendar'] });
  const set = useMutation({
    mutationFn: (v: { date: string; isWorkday: boolean; note: string }) =>
      policyApi.setOverride(v.date, { isWorkday: v.isWorkday, note: v.note }),
    onSuccess: (_: void, v) => {
      done();
      form.resetFields();
      void message.success(t('policy.cal.saved', { date: v.date }));
    },
    onError: (error) => applyServerFieldErrors(form, error, ['isWorkday', 'note']),
  });
  const remove = useMutation({
    mutationFn: (date: string) => policyApi.removeOverride(date),
    onSuccess: (_: void, date) => {
      done();
      void message.success(t('policy.cal.removed', { date }));
    },
  });
  if (overrides.isError)
    return <QueryError error={overrides.error} onRetry={() => void overrides.refetch()} />;
  const error = set.error ?? remove.error;
  return (
    <div className="xh-policy-tab" data-testid="policy-calendar">
      <Typography.Paragraph type="secondary">{t('policy.cal.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} className="xh-form-alert" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ isWorkday: false }}
        onFinish={(v) => set.mutate(v)}
        className="xh-policy-row"
      >
        <Form.Item name="date" label={t('policy.cal.date')} rules={[{ required: true }]}>
          <Input type="date" min={today} data-testid="policy-cal-date" />
        </Form.Item>
        <Form.Item name="isWorkday" label={t('policy.cal.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: false, label: t('policy.cal.dayOff') },
              { value: true, label: t('policy.cal.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('policy.cal.note')}
          rules={[{ required: true, min: 2, max: 200, message: t('policy.cal.noteRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label=" ">
          <Button type="primary" htmlType="submit" loading={set.isPending}>
            {t('policy.cal.add')}
          </Button>
        </Form.Item>
      </Form>
      <Table<CalendarOverride>
        size="small"
        rowKey="date"
        loading={overrides.isPending}
        dataSource={overrides.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('policy.cal.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'date', title: t('policy.cal.date'), dataIndex: 'date' },
          {
            key: 'kind',
            title: t('policy.cal.kind'),
            render: (_, o) => (
              <Tag color={o.isWorkday ? 'blue' : 'red'}>
                {o.isWorkday ? t('policy.cal.workday') : t('policy.cal.dayOff')}
              </Tag>
            ),
          },
          { key: 'note', title: t('policy.cal.note'), dataIndex: 'note' },
          {
            key: 'remove',
            title: '',
            render: (_, o) => (
              <Button size="small" danger onClick={() => remove.mutate(o.date)} loading={remove.isPending}>
                {t('policy.cal.remove')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}

export function WebhooksTab() {
  const t = useT();
  const catalog = useMatterCatalog();
  const [unitId, setUnitId] = useState<string | null>(null);
  const units = catalog.data?.units ?? [];
  const chosen = unitId ?? units[0]?.id ?? null;
  if (catalog.isError) return <QueryError error={catalog.error} onRetry={() => void catalog.refetch()} />;
  return (
    <div className="xh-policy-tab" data-testid="policy-webhooks">
      <Typography.Paragraph type="secondary">{t('policy.hook.hint')}</Typography.Paragraph>
      <Space wrap className="xh-policy-row">
        <span>{t('policy.hook.unit')}</span>
        <Select
          className="xh-policy-select"
          value={chosen}
          onChange={setUnitId}
          showSearch
          optionFilterProp="label"
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          data-testid="policy-hook-unit"
        />
      </Space>
      {chosen && (
        <WebhookForm key={chosen} orgId={chosen} unitName={units.find((u) => u.id === chosen)?.name ?? ''} />
      )}
    </div>
  );
}

function WebhookForm({ orgId, unitName }: { orgId: string; unitName: string }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['policy', 'webhook', orgId];
  const hook = useQuery({ queryKey: key, queryFn: ({ signal }) => policyApi.webhook(orgId, signal) });
  const [form] = Form.useForm<{ url: string }>();
  const save = useMutation({
    mutationFn: (v: { url: string }) =>
      policyApi.setWebhook(orgId, { url: v.url?.trim() ? v.url.trim() : null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void message.success(t('policy.hook.saved', { unit: unitName }));
    },
    onError: (error) => applyServerFieldErrors(form, error, ['url']),
  });
  if (hook.isError) return <QueryError error={hook.error} onRetry={() => void hook.refetch()} />;
  if (hook.isPending) return null;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ url: hook.data.url ?? '' }}
      onFinish={(v) => save.mutate(v)}
    >
      {save.isError && <Alert type="error" showIcon title={save.error.message} className="xh-form-alert" />}
      <Form.Item
        name="url"
        label={t('policy.hook.url')}
        extra={hook.data.url ? undefined : t('policy.hook.none')}
      >
        <Input maxLength={500} placeholder="https://" inputMode="url" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('policy.hook.save')}
      </Button>
    </Form>
  );
}
