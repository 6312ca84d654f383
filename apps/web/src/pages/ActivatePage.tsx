// 激活账号: the holder of a newly approved account sets its first password with the one-time code it was
// handed. Checked as you type with the server's own rules and messages (shared policy and catalogue); the
// server checks again and answers per field.
import { KeyOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { checkPasswordPolicy, fieldMessage } from '@xinhuo/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLanguage, useT } from '../i18n/use-t';
import { applyServerFieldErrors } from '../lib/form-errors';
import { confirmPasswordRules } from '../lib/password-rules';
import './login.css';

interface ActivateValues {
  username: string;
  code: string;
  newPassword: string;
  confirm: string;
}

// Crockford base32 after the same normalization as the server (case, spaces, dashes, O→0, I/L→1).
const CODE_RE = /^[0-9A-HJKMNP-TV-Z]{16}$/;
const normalizeCode = (s: string) =>
  s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

export default function ActivatePage() {
  const t = useT();
  const language = useLanguage();
  const navigate = useNavigate();
  const [form] = Form.useForm<ActivateValues>();

  const activate = useMutation({
    mutationFn: (v: ActivateValues) => authApi.activate(v.username.trim(), v.code, v.newPassword),
    onSuccess: (_data, v) =>
      void navigate(`/login?activated=1&username=${encodeURIComponent(v.username.trim())}`, {
        replace: true,
      }),
    onError: (error) => applyServerFieldErrors(form, error, ['username', 'code', 'newPassword']),
  });

  return (
    <div className="xh-login">
      <div className="xh-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="xh-login-card" data-testid="activate-page">
        <Typography.Title level={1} className="xh-activate-title">
          {t('activate.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('activate.intro')}</Typography.Paragraph>
        {activate.isError && (
          <Alert
            type="error"
            showIcon
            className="xh-login-error"
            data-testid="activate-error"
            title={isApiError(activate.error) ? activate.error.message : t('activate.failed')}
          />
        )}
        <Form<ActivateValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          validateTrigger="onChange"
          onFinish={(values) => activate.mutate(values)}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              data-testid="activate-username"
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('activate.code')}
            extra={t('activate.codeHint')}
            rules={[
              { required: true, message: t('activate.codeRequired') },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || CODE_RE.test(normalizeCode(value))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('activate.codeFormat'))),
              },
            ]}
          >
            <Input
              prefix={<KeyOutlined />}
              placeholder="XXXX-XXXX-XXXX-XXXX"
              autoComplete="one-time-code"
              spellCheck={false}
              data-testid="activate-code"
            />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            dependencies={['username']}
            rules={[
              { required: true, message: t('password.required') },
              ({ getFieldValue }) => ({
                // The server's policy and its messages, so what is accepted here is accepted there.
                validator: (_rule, value: string | undefined) => {
                  if (!value) return Promise.resolve();
                  const username = String(getFieldValue('username') ?? '')
                    .trim()
                    .toLowerCase();
                  const violations = checkPasswordPolicy(value, { username });
                  return violations.length === 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(violations.map((v) => fieldMessage(v, language)).join('；')));
                },
              }),
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="activate-password"
            />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={confirmPasswordRules(t)}
          >
            <Input.Password autoComplete="new-password" data-testid="activate-confirm" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={activate.isPending}
            data-testid="activate-submit"
          >
            {t('activate.submit')}
          </Button>
        </Form>
        <div className="xh-login-links">
          <Link to="/login">{t('activate.backToLogin')}</Link>
        </div>
      </Card>
    </div>
  );
}
