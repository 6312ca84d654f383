import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { ME_QUERY_KEY } from '../auth/me-context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n/use-t';
import { applyServerFieldErrors } from '../lib/form-errors';
import './login.css';

const DEMO_ACCOUNTS = [
  'demo-city',
  'demo-town',
  'demo-village',
  'demo-dept',
  'demo-leader',
  'demo-sysadmin',
  'demo-secadmin',
  'demo-auditor',
] as const;

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export default function LoginPage() {
  const t = useT();
  const [form] = Form.useForm<LoginValues>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();

  const login = useMutation({
    mutationFn: (values: LoginValues) => authApi.login(values.username, values.password),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, user);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => applyServerFieldErrors(form, error, ['username', 'password']),
  });

  return (
    <div className="xh-login">
      <div className="xh-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="xh-login-card">
        <div className="xh-login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={3} className="xh-login-title">
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        {params.get('activated') === '1' && !login.isError && (
          <Alert
            type="success"
            showIcon
            className="xh-login-error"
            data-testid="login-activated"
            title={t('login.activated')}
          />
        )}
        {login.isError && (
          <Alert
            type="error"
            showIcon
            className="xh-login-error"
            data-testid="login-error"
            title={isApiError(login.error) ? login.error.message : t('login.failed')}
          />
        )}
        <Form<LoginValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => login.mutate(values)}
          autoComplete="on"
          initialValues={{ username: params.get('username') ?? '' }}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
        <div className="xh-login-links">
          <Link to="/activate" data-testid="login-activate-link">
            {t('login.activateLink')}
          </Link>
        </div>
        <div className="xh-login-demo">
          <Typography.Text type="secondary">{t('login.demoAccounts')}</Typography.Text>
          <Space size={[4, 6]} wrap>
            {DEMO_ACCOUNTS.map((account) => (
              <Tag.CheckableTag
                key={account}
                checked={false}
                onChange={() => form.setFieldsValue({ username: account })}
              >
                {account}
              </Tag.CheckableTag>
            ))}
          </Space>
          <Typography.Text type="secondary" className="xh-login-hint">
            {t('login.demoPasswordHint')}
          </Typography.Text>
        </div>
      </Card>
    </div>
  );
}
