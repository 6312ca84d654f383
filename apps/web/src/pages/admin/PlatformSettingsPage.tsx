// 系统设置: the system administrator's platform settings that are not security policy — the names shown on
// the login page and in the header, the default language and page size, the wall screen's timing, the
// digest hour and the support line. Saved with the version they were read at: a stale save is refused
// (409) with the server's message and a button that loads the latest settings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  platformSettingsSchema,
  SETTINGS_PAGE_SIZES,
  type PlatformSettings,
  type PlatformSettingsState,
} from '@xinhuo/shared';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { isApiError } from '../../api/client';
import { settingsApi } from '../../api/settings-endpoints';
import { QueryError } from '../../components/QueryError';
import { SETTINGS_QUERY_KEY } from '../../features/settings/use-settings';
import { useT, type MessageKey } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import { applyServerFieldErrors } from '../../lib/form-errors';
import './admin.css';

const STATE_KEY = [...SETTINGS_QUERY_KEY, 'admin'] as const;
type NumberKey = 'wallPanelSeconds' | 'wallRefreshSeconds' | 'digestHour';

function rangeOf(key: NumberKey) {
  const s = platformSettingsSchema.shape[key];
  return { min: s.minValue ?? 0, max: s.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export default function PlatformSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlatformSettings>();
  const state = useQuery({ queryKey: STATE_KEY, queryFn: ({ signal }) => settingsApi.get(signal) });

  useEffect(() => {
    if (state.data) form.setFieldsValue(state.data.settings);
  }, [state.data, form]);

  const save = useMutation({
    mutationFn: (v: PlatformSettings) => settingsApi.update(v, state.data!.version),
    onSuccess: (saved: PlatformSettingsState) => {
      queryClient.setQueryData(STATE_KEY, saved);
      // The header, the login page's names and the lists' page size read the new values at once.
      void queryClient.invalidateQueries({
        queryKey: SETTINGS_QUERY_KEY,
        predicate: (q) => q.queryKey[1] !== 'admin',
      });
      void message.success(t('settings.saved', { version: saved.version }));
    },
    onError: (error) => applyServerFieldErrors(form, error, []),
  });
  const stale = isApiError(save.error) && save.error.code === 'SETTINGS_STALE';

  if (state.isError) return <QueryError error={state.error} onRetry={() => void state.refetch()} />;

  const text = (
    path: [keyof PlatformSettings, ...string[]] | keyof PlatformSettings,
    label: MessageKey,
    max: number,
  ) => (
    <Form.Item
      name={path}
      label={t(label)}
      validateTrigger="onChange"
      rules={[{ required: true, whitespace: true, max, message: t('settings.textRule', { max }) }]}
    >
      <Input maxLength={max} data-testid={`settings-${Array.isArray(path) ? path.join('-') : path}`} />
    </Form.Item>
  );
  const number = (key: NumberKey) => {
    const { min, max } = rangeOf(key);
    return (
      <Form.Item
        name={key}
        label={t(`settings.${key}` as MessageKey)}
        extra={t('secpolicy.range', { min, max })}
        validateTrigger="onChange"
        rules={[{ required: true, type: 'integer', min, max, message: t('secpolicy.range', { min, max }) }]}
      >
        <InputNumber precision={0} className="xh-settings-input" data-testid={`settings-${key}`} />
      </Form.Item>
    );
  };

  return (
    <Card
      title={<h1 className="xh-card-h1">{t('settings.title')}</h1>}
      loading={state.isPending}
      data-testid="platform-settings-page"
    >
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      {state.data && (
        <Typography.Paragraph type="secondary" data-testid="settings-version">
          {state.data.version === 0
            ? t('secpolicy.defaults')
            : t('settings.version', {
                version: state.data.version,
                at: formatTimestamp(state.data.updatedAt),
                by: state.data.updatedBy ?? '—',
              })}
        </Typography.Paragraph>
      )}
      {save.isError && (
        <Alert
          type="error"
          showIcon
          title={save.error.message}
          className="xh-form-alert"
          data-testid="settings-error"
          action={
            stale ? (
              <Button
                size="small"
                onClick={() => {
                  save.reset();
                  void state.refetch();
                }}
                data-testid="settings-reload"
              >
                {t('settings.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Form<PlatformSettings> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <fieldset className="xh-settings-section">
          <Typography.Title level={5}>{t('settings.names')}</Typography.Title>
          <div className="xh-settings-grid">
            {text(['platformName', 'zh'], 'settings.platformNameZh', 40)}
            {text(['platformName', 'en'], 'settings.platformNameEn', 40)}
            {text(['orgDepartmentName', 'zh'], 'settings.orgDepartmentNameZh', 60)}
            {text(['orgDepartmentName', 'en'], 'settings.orgDepartmentNameEn', 60)}
          </div>
          <Form.Item
            name="supportContact"
            label={t('settings.supportContact')}
            extra={t('settings.supportContactHint')}
            rules={[{ max: 120, message: t('settings.textRule', { max: 120 }) }]}
          >
            <Input maxLength={120} data-testid="settings-supportContact" />
          </Form.Item>
        </fieldset>
        <fieldset className="xh-settings-section">
          <Typography.Title level={5}>{t('settings.display')}</Typography.Title>
          <div className="xh-settings-grid">
            <Form.Item name="defaultLanguage" label={t('settings.defaultLanguage')}>
              <Select
                data-testid="settings-defaultLanguage"
                options={[
                  { value: 'zh-CN', label: t('lang.zh-CN') },
                  { value: 'en', label: t('lang.en') },
                ]}
              />
            </Form.Item>
            <Form.Item name="defaultPageSize" label={t('settings.defaultPageSize')}>
              <Select
                data-testid="settings-defaultPageSize"
                options={SETTINGS_PAGE_SIZES.map((n) => ({ value: n, label: t('settings.perPage', { n }) }))}
              />
            </Form.Item>
          </div>
        </fieldset>
        <fieldset className="xh-settings-section">
          <Typography.Title level={5}>{t('settings.wallAndNotices')}</Typography.Title>
          <div className="xh-settings-grid">
            {number('wallPanelSeconds')}
            {number('wallRefreshSeconds')}
            {number('digestHour')}
          </div>
        </fieldset>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('settings.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
