// The history of a policy's versions with effective dates (one component for every policy on the platform's
// version mechanism): version, effective date, status (生效中 / 待生效 / 已被取代 / 已撤销), content,
// publication time, and for a scheduled version the withdrawal with a reason.
import { useMutation } from '@tanstack/react-query';
import type { PolicyVersionStatus } from '@xinhuo/shared';
import { Alert, Button, Form, Input, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';

const STATUS_COLOR: Record<PolicyVersionStatus, string> = {
  in_force: 'green',
  scheduled: 'orange',
  superseded: 'default',
  cancelled: 'red',
};

/** What the history needs of a version, whichever policy it belongs to. */
export interface HistoryVersion {
  version: number;
  effectiveFrom: string;
  status: PolicyVersionStatus;
  createdAt: string;
  cancellation: { reason: string; cancelledAt: string } | null;
}

export function PolicyVersionHistory<V extends HistoryVersion>({
  items,
  loading,
  summary,
  onCancel,
  testId = 'policy-history',
}: {
  items: V[];
  loading?: boolean;
  summary: (v: V) => ReactNode;
  /** Withdraw a scheduled version; without it the history offers no withdrawal. */
  onCancel?: (v: V, reason: string) => Promise<unknown>;
  testId?: string;
}) {
  const t = useT();
  const [withdrawing, setWithdrawing] = useState<V | null>(null);
  return (
    <>
      <Typography.Title level={5}>{t('policy.history')}</Typography.Title>
      <Table<V>
        size="small"
        rowKey="version"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid={testId}
        columns={[
          { key: 'version', title: t('policy.version'), render: (_, v) => `v${v.version}` },
          { key: 'from', title: t('policy.effectiveFrom'), dataIndex: 'effectiveFrom' },
          {
            key: 'status',
            title: t('policy.statusCol'),
            render: (_, v) => {
              const tag = (
                <Tag color={STATUS_COLOR[v.status]} data-testid={`policy-status-${v.version}`}>
                  {t(`policy.status.${v.status}` as MessageKey)}
                </Tag>
              );
              return v.cancellation ? (
                <Tooltip title={t('policy.cancelledReason', { reason: v.cancellation.reason })}>
                  {tag}
                </Tooltip>
              ) : (
                tag
              );
            },
          },
          {
            key: 'content',
            title: t('policy.changes'),
            render: (_, v) => (
              <>
                {summary(v)}
                {v.cancellation && (
                  <Typography.Text type="secondary" className="xh-policy-cancelled">
                    {' '}
                    {t('policy.cancelledNote', {
                      reason: v.cancellation.reason,
                      at: formatTimestamp(v.cancellation.cancelledAt),
                    })}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { key: 'at', title: t('policy.createdAt'), render: (_, v) => formatTimestamp(v.createdAt) },
          ...(onCancel
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, v: V) =>
                    v.status === 'scheduled' ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => setWithdrawing(v)}
                        data-testid={`policy-cancel-${v.version}`}
                      >
                        {t('policy.cancel')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {withdrawing && onCancel && (
        <CancelModal v={withdrawing} onCancel={onCancel} onClose={() => setWithdrawing(null)} />
      )}
    </>
  );
}

function CancelModal<V extends HistoryVersion>({
  v,
  onCancel,
  onClose,
}: {
  v: V;
  onCancel: (v: V, reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({
    mutationFn: (reason: string) => onCancel(v, reason),
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={t('policy.cancelTitle', { version: v.version, date: v.effectiveFrom })}
      okText={t('policy.cancelConfirm')}
      okButtonProps={{
        danger: true,
        loading: cancel.isPending,
        ...({ 'data-testid': 'policy-cancel-ok' } as object),
      }}
      onOk={() => void form.validateFields().then((x) => cancel.mutate(x.reason))}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('policy.cancelHint')}</Typography.Paragraph>
      {cancel.isError && (
        <Alert type="error" showIcon title={cancel.error.message} className="xh-form-alert" />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('policy.cancelReason')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 200, message: t('policy.cancelReasonRequired') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="policy-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
