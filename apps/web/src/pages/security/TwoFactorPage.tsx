// 两步验证: the signed-in user's own TOTP enrolment — QR code, the first code, recovery codes shown once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TotpSetup } from '@xinhuo/shared';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { totpApi } from '../../api/security-endpoints';
import { ME_QUERY_KEY, useMe } from '../../auth/me-context';
import { QueryError } from '../../components/QueryError';
import { useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import './security.css';

const TOTP_QUERY_KEY = ['auth', 'totp'] as const;

export default function TwoFactorPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const status = useQuery({ queryKey: TOTP_QUERY_KEY, queryFn: ({ signal }) => totpApi.status(signal) });

  const start = useMutation({ mutationFn: totpApi.setup, onSuccess: setSetup });
  const confirm = useMutation({
    mutationFn: (code: string) => totpApi.confirm(code),
    onSuccess: (r) => {
      setSetup(null);
      setRecoveryCodes(r.recoveryCodes);
      void queryClient.invalidateQueries({ queryKey: TOTP_QUERY_KEY });
    },
    onError: (error) => applyServerFieldErrors(form, error, ['code']),
  });

  const finish = async () => {
    setRecoveryCodes(null);
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    if (me.mustEnrollTotp) void navigate('/', { replace: true });
  };

  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;

  return (
    <Card
      title={t('totp.title')}
      className="xh-narrow-card"
      data-testid="two-factor-page"
      loading={status.isPending}
    >
      {me.mustEnrollTotp && !recoveryCodes && (
        <Alert type="warning" showIcon title={t('totp.required')} className="xh-form-alert" />
      )}
      {recoveryCodes ? (
        <div data-testid="totp-recovery">
          <Typography.Title level={5}>{t('totp.recoveryTitle')}</Typography.Title>
          <Typography.Paragraph>{t('totp.recoveryHint')}</Typography.Paragraph>
          <ol className="xh-recovery-codes" data-testid="totp-recovery-codes">
            {recoveryCodes.map((c) => (
              <li key={c}>
                <Typography.Text code copyable={false}>
                  {c}
                </Typography.Text>
              </li>
            ))}
          </ol>
          <Button type="primary" onClick={() => void finish()} data-testid="totp-done">
            {t('totp.done')}
          </Button>
        </div>
      ) : status.data?.enrolled ? (
        <Space orientation="vertical">
          <Alert
            type="success"
            showIcon
            title={t('totp.enrolled', { n: status.data.recoveryCodesLeft })}
            data-testid="totp-enrolled"
          />
          <Typography.Text type="secondary">{t('totp.enrolledHint')}</Typography.Text>
        </Space>
      ) : setup ? (
        <div>
          <Typography.Paragraph>{t('totp.scan')}</Typography.Paragraph>
          <img
            src={setup.qrDataUrl}
            alt={t('totp.qrAlt')}
            className="xh-totp-qr"
            width={200}
            height={200}
            data-testid="totp-qr"
          />
          <Typography.Paragraph>
            {t('totp.manual')}{' '}
            <Typography.Text code copyable data-testid="totp-secret">
              {setup.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => confirm.mutate(v.code.trim())}>
            <Form.Item
              name="code"
              label={t('totp.enterCode')}
              validateTrigger={['onChange', 'onBlur']}
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totp.codeFormat') }]}
            >
              <Input
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                className="xh-totp-code"
                data-testid="totp-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="totp-confirm">
              {t('totp.confirm')}
            </Button>
          </Form>
        </div>
      ) : (
        <Space orientation="vertical">
          <Typography.Text>{t('totp.notEnrolled')}</Typography.Text>
          {start.isError && <Alert type="error" showIcon title={start.error.message} />}
          <Button
            type="primary"
            onClick={() => start.mutate()}
            loading={start.isPending}
            data-testid="totp-start"
          >
            {t('totp.start')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
