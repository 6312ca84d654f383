// What every tab editing a dated policy kind ends with: the effective date and 发布新版本, then the kind's
// version history with the withdrawal of a scheduled version.
import { useQueryClient } from '@tanstack/react-query';
import type { PolicyKind } from '@xinhuo/shared';
import { App, Button, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { policyApi } from '../../api/policy-endpoints';
import { PolicyVersionHistory, type HistoryVersion } from '../../components/policy/PolicyVersionHistory';
import { useT } from '../../i18n/use-t';

/** The query key of a kind's versions (its tab and its history share it). */
export const policyQueryKey = (kind: PolicyKind) => ['policy', kind] as const;

/** The effective date (today or later) and the publish button, inside the tab's form. */
export function PublishFooter({ today, pending }: { today: string; pending: boolean }) {
  const t = useT();
  return (
    <div className="xh-policy-publish">
      <Form.Item
        name="effectiveFrom"
        label={t('policy.effectiveFrom')}
        extra={t('policy.effectiveHint')}
        rules={[{ required: true, message: t('policy.effectiveRequired') }]}
      >
        <Input type="date" min={today} data-testid="policy-effective-from" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} data-testid="policy-publish">
        {t('policy.publish')}
      </Button>
    </div>
  );
}

/** The kind's history; a scheduled version is withdrawn with a reason and the tab reloads. */
export function KindVersionHistory<V extends HistoryVersion>({
  kind,
  items,
  loading,
  summary,
}: {
  kind: PolicyKind;
  items: V[];
  loading: boolean;
  summary: (v: V) => ReactNode;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <PolicyVersionHistory
      items={items}
      loading={loading}
      summary={summary}
      onCancel={async (v, reason) => {
        await policyApi.cancelVersion(kind, v.version, reason);
        void queryClient.invalidateQueries({ queryKey: policyQueryKey(kind) });
        void message.success(t('policy.cancelled', { version: v.version }));
      }}
    />
  );
}
