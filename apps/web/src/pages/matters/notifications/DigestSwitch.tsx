// 每日汇总: the signed-in user's opt-in to one daily message summing their My work counts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Space, Switch, Typography } from 'antd';
import { workspaceApi } from '../../../api/workspace-endpoints';
import { useT } from '../../../i18n/use-t';

export function DigestSwitch() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const pref = useQuery({ queryKey: ['me', 'digest'], queryFn: ({ signal }) => workspaceApi.digest(signal) });
  const save = useMutation({
    mutationFn: (enabled: boolean) => workspaceApi.saveDigest(enabled),
    onSuccess: (r) => qc.setQueryData(['me', 'digest'], r),
    onError: (e) => void message.error(e.message),
  });
  return (
    <Space className="xh-notify-digest" align="start" data-testid="notify-digest">
      <Switch
        id="notify-digest"
        checked={pref.data?.enabled ?? false}
        loading={pref.isLoading || save.isPending}
        disabled={pref.isError}
        onChange={(v) => save.mutate(v)}
      />
      <label htmlFor="notify-digest">
        <Typography.Text strong>{t('notify.digest')}</Typography.Text>{' '}
        <Typography.Text type="secondary">{t('notify.digestHelp')}</Typography.Text>
      </label>
    </Space>
  );
}
