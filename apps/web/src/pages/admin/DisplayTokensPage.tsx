// 大屏令牌 (system administrator): tokens that open the wall screen on a meeting-room display — created for
// one org subtree, the link shown once, listed with their last use, revoked at once.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedDisplayToken, DisplayToken } from '@xinhuo/shared';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { newSubmissionKey } from '../../api/client';
import { displayTokenApi } from '../../api/wall-endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { formatTimestamp } from '../../lib/format';
import { useOrgOptions } from './GrantFormModal';

interface Values {
  name: string;
  orgId: string;
}

export default function DisplayTokensPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedDisplayToken | null>(null);
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);
  const orgOptions = useOrgOptions(creating);
  const tokens = useQuery({
    queryKey: ['display-tokens'],
    queryFn: ({ signal }) => displayTokenApi.list(signal),
  });
  const create = useMutation({
    mutationFn: (v: Values) => displayTokenApi.create({ name: v.name.trim(), orgId: v.orgId }, submissionKey),
    onSuccess: (c) => {
      setCreated(c);
      setCreating(false);
      form.resetFields();
      setSubmissionKey(newSubmissionKey());
      void queryClient.invalidateQueries({ queryKey: ['display-tokens'] });
    },
    onError: (error) => {
      applyServerFieldErrors(form, error, ['name', 'orgId']);
      setSubmissionKey(newSubmissionKey());
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => displayTokenApi.revoke(id),
    onSuccess: () => {
      void message.success(t('displays.revokedOk'));
      void queryClient.invalidateQueries({ queryKey: ['display-tokens'] });
    },
    onError: (error) => void message.error(error.message),
  });
  const link = created ? `${window.location.origin}${created.path}` : '';

  if (tokens.isError) return <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />;
  return (
    <div data-testid="display-tokens-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('displays.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('displays.create')}
        </Button>
      </div>
      <Card>
        <Typography.Paragraph type="secondary">{t('displays.intro')}</Typography.Paragraph>
        <ResponsiveTable<DisplayToken>
          rowKey="id"
          size="middle"
          loading={tokens.isFetching}
          dataSource={tokens.data?.items ?? []}
          locale={{ emptyText: t('displays.empty') }}
          pagination={false}
          cardFields={['name', 'orgName', 'lastUsedAt', 'revokedAt', 'actions']}
          columns={[
            { title: t('displays.name'), key: 'name', dataIndex: 'name' },
            { title: t('displays.org'), key: 'orgName', dataIndex: 'orgName' },
            {
              title: t('displays.createdAt'),
              key: 'createdAt',
              dataIndex: 'createdAt',
              render: (v: string) => formatTimestamp(v),
            },
            { title: t('displays.createdBy'), key: 'createdBy', dataIndex: 'createdBy' },
            {
              title: t('displays.lastUsedAt'),
              key: 'lastUsedAt',
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => (v ? formatTimestamp(v) : t('displays.never')),
            },
            {
              title: t('displays.status'),
              key: 'revokedAt',
              dataIndex: 'revokedAt',
              render: (v: string | null) =>
                v ? (
                  <Tag>
                    {t('displays.revoked')} {formatTimestamp(v)}
                  </Tag>
                ) : (
                  <Tag color="green">{t('displays.active')}</Tag>
                ),
            },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, r: DisplayToken) =>
                r.revokedAt ? null : (
                  <Popconfirm
                    title={t('displays.revokeConfirm')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => revoke.mutate(r.id)}
                  >
                    <Button danger size="small" data-testid={`revoke-${r.name}`}>
                      {t('displays.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
        <Modal
          open={creating}
          title={t('displays.create')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          confirmLoading={create.isPending}
          onOk={() => form.submit()}
          onCancel={() => setCreating(false)}
          destroyOnHidden
          okButtonProps={{ 'data-testid': 'display-form-submit' } as Record<string, string>}
        >
          <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
            <Form.Item
              name="name"
              label={t('displays.name')}
              rules={[{ required: true, min: 2, max: 40, message: t('displays.namePlaceholder') }]}
            >
              <Input
                maxLength={40}
                placeholder={t('displays.namePlaceholder')}
                data-testid="display-form-name"
              />
            </Form.Item>
            <Form.Item
              name="orgId"
              label={t('displays.org')}
              rules={[{ required: true, message: t('displays.orgPlaceholder') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                placeholder={t('displays.orgPlaceholder')}
                data-testid="display-form-org"
                options={orgOptions}
              />
            </Form.Item>
            {create.isError && <Typography.Text type="danger">{create.error.message}</Typography.Text>}
          </Form>
        </Modal>
        <Modal
          open={created !== null}
          title={t('displays.createdTitle')}
          onCancel={() => setCreated(null)}
          destroyOnHidden
          footer={
            <Space>
              <Button
                onClick={() =>
                  void navigator.clipboard
                    .writeText(link)
                    .then(() => message.success(t('displays.copied')))
                    .catch(() => undefined)
                }
              >
                {t('displays.copy')}
              </Button>
              <Button type="primary" data-testid="display-link-done" onClick={() => setCreated(null)}>
                {t('common.confirm')}
              </Button>
            </Space>
          }
        >
          <Typography.Paragraph>{t('displays.createdHint')}</Typography.Paragraph>
          <Typography.Paragraph code copyable={false} data-testid="display-link">
            {link}
          </Typography.Paragraph>
        </Modal>
      </Card>
    </div>
  );
}
