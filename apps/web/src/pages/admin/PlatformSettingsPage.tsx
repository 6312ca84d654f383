// 系统设置: the system administrator's platform settings that are not security policy — the names shown on
// the login page and in the header, the default language and page size, the wall screen's timing, the
// digest hour and the support line. Saved with the version they were read at: a stale save is refused
// (409) with the server's message and a button that loads the latest settings.
import { useQueryClient } from '@tanstack/react-query';
import {
  platformSettingsSchema,
  SETTINGS_PAGE_SIZES,
  type PlatformSettings,
  type PlatformSettingsState,
} from '@xinhuo/shared';
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { settingsApi } from '../../api/settings-endpoints';
import { QueryError } from '../../components/QueryError';
import { SETTINGS_QUERY_KEY } from '../../features/settings/use-settings';
import {
  IntegerField,
  SaveErrorAlert,
  useVersionedSettings,
  VersionLine,
} from '../../features/settings/versioned-settings-form';
import { useT, type MessageKey } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import './admin.css';

const STATE_KEY = [...SETTINGS_QUERY_KEY, 'admin'] as const;
type NumberKey = 'wallPanelSeconds' | 'wallRefreshSeconds' | 'digestHour';
const toForm = (s: PlatformSettingsState) => s.settings;

export default function PlatformSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlatformSettings>();
  const { state, save, stale, reload } = useVersionedSettings({
    form,
    queryKey: STATE_KEY,
    load: settingsApi.get,
    toForm,
    save: settingsApi.update,
    onSaved: (saved) => {
      // The header, the login page's names and the lists' page size read the new values at once.
      void queryClient.invalidateQueries({
        queryKey: SETTINGS_QUERY_KEY,
        predicate: (q) => q.queryKey[1] !== 'admin',
      });
      void message.success(t('settings.saved', { version: saved.version }));
    },
  });

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
  const number = (key: NumberKey) => (
    <IntegerField
      name={key}
      label={`settings.${key}` as MessageKey}
      schema={platformSettingsSchema.shape[key]}
      testId={`settings-${key}`}
      className="xh-settings-input"
    />
  );

  return (
    <Card
      title={<h1 className="xh-card-h1">{t('settings.title')}</h1>}
      loading={state.isPending}
      data-testid="platform-settings-page"
    >
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      {state.data && (
        <VersionLine version={state.data.version} testId="settings-version">
          {t('settings.version', {
            version: state.data.version,
            at: formatTimestamp(state.data.updatedAt),
            by: state.data.updatedBy ?? '—',
          })}
        </VersionLine>
      )}
      <SaveErrorAlert error={save.error} stale={stale} onReload={reload} testIdPrefix="settings" />
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
