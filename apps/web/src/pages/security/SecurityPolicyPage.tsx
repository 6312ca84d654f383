// 安全策略: the security administrator's policy form (checked as you type, saved with its version) and
// the reset of a user's second factor by login name.
import { useMutation } from '@tanstack/react-query';
import { ROLES, securityPolicySchema, type SecurityPolicy, type SecurityPolicyState } from '@xinhuo/shared';
import { Alert, App, Button, Card, Checkbox, Form, Input, Space, Typography } from 'antd';
import { securityApi } from '../../api/security-endpoints';
import { QueryError } from '../../components/QueryError';
import {
  IntegerField,
  SaveErrorAlert,
  useVersionedSettings,
  VersionLine,
} from '../../features/settings/versioned-settings-form';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import { labels } from '../../lib/labels';
import './security.css';

const POLICY_QUERY_KEY = ['security', 'policy'] as const;

type NumberField = Exclude<keyof SecurityPolicy, 'adminIpAllowlist' | 'totpRequiredRoles'>;

/** The form's sections: each number field with the range its schema allows. */
const SECTIONS: { title: MessageKey; fields: NumberField[] }[] = [
  { title: 'secpolicy.password', fields: ['passwordMinLength', 'passwordMinClasses'] },
  { title: 'secpolicy.lockout', fields: ['lockoutThreshold', 'lockoutWindowMinutes', 'lockoutMinutes'] },
  {
    title: 'secpolicy.sessions',
    fields: [
      'sessionIdleMinutes',
      'sessionAbsoluteHours',
      'adminSessionIdleMinutes',
      'adminSessionAbsoluteHours',
    ],
  },
  { title: 'secpolicy.expiry', fields: ['adminPasswordMaxAgeDays', 'idleAccountDays'] },
  {
    title: 'secpolicy.alerts',
    fields: [
      'alertWindowMinutes',
      'alertDeniedThreshold',
      'alertLoginFailedThreshold',
      'alertRevealLimitThreshold',
    ],
  },
];

type FormValues = Omit<SecurityPolicy, 'adminIpAllowlist'> & { adminIpAllowlist: string };

const toForm = (s: SecurityPolicyState): FormValues => ({
  ...s.policy,
  adminIpAllowlist: s.policy.adminIpAllowlist.join('\n'),
});
const linesOf = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export default function SecurityPolicyPage() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { state, save, stale, reload } = useVersionedSettings({
    form,
    queryKey: POLICY_QUERY_KEY,
    load: securityApi.policy,
    toForm,
    save: (v: FormValues, version: number) =>
      securityApi.updatePolicy({ ...v, adminIpAllowlist: linesOf(v.adminIpAllowlist) }, version),
    onSaved: (saved) => void message.success(t('secpolicy.saved', { version: saved.version })),
  });

  if (state.isError) return <QueryError error={state.error} onRetry={() => void state.refetch()} />;

  const ipRule = {
    validator: async (_: unknown, text: string | undefined) => {
      const lines = (text ?? '').split('\n');
      for (const [i, raw] of lines.entries()) {
        const value = raw.trim();
        if (value && !securityPolicySchema.shape.adminIpAllowlist.element.safeParse(value).success)
          throw new Error(t('secpolicy.ipInvalid', { line: i + 1, value }));
      }
    },
  };
  const notLooser = (admin: NumberField, general: NumberField) => ({
    validator: async (_: unknown, v: number | null) => {
      const g = form.getFieldValue(general) as number | null;
      if (v != null && g != null && v > g) throw new Error(t('secpolicy.adminLooser'));
    },
  });

  return (
    <Space orientation="vertical" size="middle" className="xh-security-stack">
      <Card
        title={<h1 className="xh-card-h1">{t('secpolicy.title')}</h1>}
        loading={state.isPending}
        data-testid="security-policy-page"
      >
        <Typography.Paragraph type="secondary">{t('secpolicy.intro')}</Typography.Paragraph>
        {state.data && (
          <VersionLine version={state.data.version} testId="security-policy-version">
            {t('secpolicy.version', {
              version: state.data.version,
              at: formatTimestamp(state.data.updatedAt),
            })}
          </VersionLine>
        )}
        <SaveErrorAlert error={save.error} stale={stale} onReload={reload} testIdPrefix="policy" />
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {SECTIONS.map((section) => (
            <fieldset key={section.title} className="xh-policy-section">
              <Typography.Title level={5}>{t(section.title)}</Typography.Title>
              <div className="xh-policy-grid">
                {section.fields.map((field) => (
                  <IntegerField
                    key={field}
                    name={field}
                    label={`secpolicy.${field}` as MessageKey}
                    schema={securityPolicySchema.shape[field]}
                    testId={`policy-${field}`}
                    className="xh-policy-input"
                    rules={
                      field === 'adminSessionIdleMinutes'
                        ? [notLooser(field, 'sessionIdleMinutes')]
                        : field === 'adminSessionAbsoluteHours'
                          ? [notLooser(field, 'sessionAbsoluteHours')]
                          : []
                    }
                  />
                ))}
              </div>
            </fieldset>
          ))}
          <Typography.Title level={5}>{t('secpolicy.terminals')}</Typography.Title>
          <Form.Item
            name="adminIpAllowlist"
            label={t('secpolicy.adminIpAllowlist')}
            validateTrigger="onChange"
            rules={[ipRule]}
          >
            <Input.TextArea rows={3} data-testid="policy-adminIpAllowlist" />
          </Form.Item>
          <Typography.Title level={5}>{t('secpolicy.secondFactor')}</Typography.Title>
          <Form.Item name="totpRequiredRoles" label={t('secpolicy.totpRequiredRoles')}>
            <Checkbox.Group
              options={ROLES.map((r) => ({ value: r, label: labels.role(r, lang) }))}
              data-testid="policy-totpRequiredRoles"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
            {t('secpolicy.save')}
          </Button>
        </Form>
      </Card>
      <ResetSecondFactorCard />
    </Space>
  );
}

/** A lost phone: the security administrator resets a user's second factor by login name (audited). */
function ResetSecondFactorCard() {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ username: string }>();
  const reset = useMutation({
    mutationFn: (username: string) => securityApi.resetTotpByName(username),
    onSuccess: (_: void, username: string) => {
      form.resetFields();
      void message.success(t('secpolicy.resetDone', { username }));
    },
  });
  return (
    <Card title={t('secpolicy.resetTitle')} data-testid="totp-reset-card">
      <Typography.Paragraph type="secondary">{t('secpolicy.resetHint')}</Typography.Paragraph>
      {reset.isError && <Alert type="error" showIcon title={reset.error.message} className="xh-form-alert" />}
      <Form
        form={form}
        layout="inline"
        onFinish={({ username }) =>
          modal.confirm({
            title: t('secpolicy.resetConfirm', { username: username.trim() }),
            onOk: () => reset.mutateAsync(username.trim()),
          })
        }
      >
        <Form.Item name="username" label={t('secpolicy.resetUsername')} rules={[{ required: true, max: 64 }]}>
          <Input autoComplete="off" data-testid="totp-reset-username" />
        </Form.Item>
        <Button danger htmlType="submit" loading={reset.isPending} data-testid="totp-reset-submit">
          {t('secpolicy.resetButton')}
        </Button>
      </Form>
    </Card>
  );
}
