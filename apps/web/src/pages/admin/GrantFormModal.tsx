// New account, or a change of an account's roles and scope: a request that takes effect only when the second
// party approves it. One Idempotency-Key per submission, so a double click or a retry asks once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, type Role, type User } from '@xinhuo/shared';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { newSubmissionKey } from '../../api/client';
import { adminApi } from '../../api/endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { labels } from '../../lib/labels';

interface Values {
  username: string;
  displayName: string;
  roles: Role[];
  orgIds: string[];
}

/** Org options named by their path ("金港镇 / 新塍村"): names and kinds only, never roster data. */
export function useOrgOptions(enabled: boolean) {
  const orgs = useQuery({
    queryKey: ['admin-orgs'],
    queryFn: ({ signal }) => adminApi.orgs(signal),
    enabled,
  });
  return useMemo(() => {
    const items = orgs.data?.items ?? [];
    const byId = new Map(items.map((o) => [o.id, o]));
    const pathName = (id: string): string => {
      const o = byId.get(id);
      if (!o) return '';
      const parent = o.parentId ? byId.get(o.parentId) : undefined;
      return parent && parent.kind !== 'city' ? `${pathName(parent.id)} / ${o.name}` : o.name;
    };
    return items.map((o) => ({ value: o.id, label: pathName(o.id) }));
  }, [orgs.data]);
}

export function GrantFormModal({
  open,
  user,
  onClose,
}: {
  open: boolean;
  /** The account whose roles and scope change; none for a new account. */
  user: User | null;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);
  const orgOptions = useOrgOptions(open);

  const submit = useMutation({
    mutationFn: (v: Values) =>
      user
        ? adminApi.requestGrant(user.id, { roles: v.roles, orgIds: v.orgIds ?? [] }, submissionKey)
        : adminApi.createUser(
            {
              username: v.username.trim(),
              displayName: v.displayName.trim(),
              roles: v.roles,
              orgIds: v.orgIds ?? [],
            },
            submissionKey,
          ),
    onSuccess: () => {
      void message.success(t('admin.done.requested'));
      void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
      void queryClient.invalidateQueries({ queryKey: ['admin-grants'] });
      form.resetFields();
      setSubmissionKey(newSubmissionKey());
      onClose();
    },
    onError: (error) => {
      applyServerFieldErrors(form, error, ['username', 'displayName', 'roles', 'orgIds']);
      // A refused request wrote nothing: the next submission is a new one.
      setSubmissionKey(newSubmissionKey());
    },
  });

  return (
    <Modal
      open={open}
      title={user ? `${t('admin.action.grant')} · ${user.username}` : t('admin.accounts.create')}
      okText={t('admin.form.submit')}
      cancelText={t('admin.form.cancel')}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'grant-form-submit' } as Record<string, string>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          roles: (user?.roles ?? []) as Role[],
          orgIds: user?.scopes.map((s) => s.id) ?? [],
        }}
        onFinish={(v) => submit.mutate(v)}
        data-testid="grant-form"
      >
        {!user && (
          <>
            <Form.Item
              name="username"
              label={t('admin.form.username')}
              rules={[{ required: true, min: 3, max: 40, message: t('admin.form.required') }]}
            >
              <Input autoComplete="off" data-testid="grant-form-username" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('admin.form.displayName')}
              rules={[{ required: true, max: 40, message: t('admin.form.required') }]}
            >
              <Input autoComplete="off" data-testid="grant-form-display-name" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="roles"
          label={t('admin.form.roles')}
          rules={user ? [] : [{ required: true, message: t('admin.form.required') }]}
        >
          <Select
            mode="multiple"
            data-testid="grant-form-roles"
            options={ROLES.map((r) => ({ value: r, label: labels.role(r, lang) }))}
          />
        </Form.Item>
        <Form.Item name="orgIds" label={t('admin.form.orgs')} extra={t('admin.form.orgsHint')}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            data-testid="grant-form-orgs"
            options={orgOptions}
          />
        </Form.Item>
        {submit.isError && <Typography.Text type="danger">{submit.error.message}</Typography.Text>}
      </Form>
    </Modal>
  );
}
