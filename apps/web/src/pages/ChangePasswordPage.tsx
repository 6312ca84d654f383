// 修改密码: inline checks mirror the shared policy basics; the server applies the full policy and answers per field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
  passwordCharClasses,
} from '@xinhuo/shared';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { authApi } from '../api/endpoints';
import { ME_QUERY_KEY, useMe } from '../auth/me-context';
import { useT } from '../i18n/use-t';
import { applyServerFieldErrors } from '../lib/form-errors';
import { confirmPasswordRules } from '../lib/password-rules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: (values: Values) => authApi.changePassword(values.currentPassword, values.newPassword),
    onSuccess: async () => {
      void message.success(t('password.changed'));
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      void navigate('/', { replace: true });
    },
    onError: (error) => applyServerFieldErrors(form, error, ['currentPassword', 'newPassword']),
  });

  return (
    <Card title={t('password.title')} className="xh-narrow-card" data-testid="password-page">
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.mustChange')} className="xh-form-alert" />
      )}
      {change.isError && (
        <Alert type="error" showIcon title={change.error.message} className="xh-form-alert" />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.required') },
            { min: PASSWORD_MIN_LENGTH, message: t('password.tooShort', { min: PASSWORD_MIN_LENGTH }) },
            { max: PASSWORD_MAX_LENGTH },
            {
              validator: (_rule, value: string | undefined) =>
                !value || passwordCharClasses(value) >= PASSWORD_MIN_CLASSES
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.classes'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={confirmPasswordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
