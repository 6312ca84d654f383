// Buttons for exactly the actions the server lists in `availableActions`, each opening its form.
import type { MatterAction, MatterDetail } from '@xinhuo/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { mattersApi, type MatterActionBody } from '../../../api/endpoints';
import { useLanguage, useT } from '../../../i18n/use-t';
import { matterLabel } from '../../../features/matters/matter-labels';
import { useMatterCatalog } from '../../../features/matters/use-catalog';
import { ActionFields, ownAssignments } from './action-fields';

/** Actions that end or turn back the matter get a danger-styled button. */
const DANGER: readonly MatterAction[] = ['return', 'reject', 'close_side', 'close_dissatisfied'];
/** The usual next step of each party gets the primary style. */
const PRIMARY: readonly MatterAction[] = ['dispatch', 'sign', 'submit', 'accept', 'rate'];

/** Form values → API body: dates as YYYY-MM-DD, texts trimmed, empty values left out. */
function toBody(value: unknown): unknown {
  if (dayjs.isDayjs(value)) return value.format('YYYY-MM-DD');
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) return value.map(toBody);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const converted = toBody(v);
      if (converted !== undefined && converted !== null) out[k] = converted;
    }
    return out;
  }
  return value;
}

function initialValues(action: MatterAction, matter: MatterDetail): Record<string, unknown> {
  const mine = ownAssignments(matter, action);
  const values: Record<string, unknown> = {};
  if (mine.length === 1) values.assignmentId = mine[0]!.id;
  if (action === 'dispatch') values.priorityCode = matter.priority;
  if (action === 'decide_extension' && matter.extension)
    values.deadline = dayjs(matter.extension.requestedDue);
  return values;
}

function ActionModal({
  action,
  matter,
  onClose,
}: {
  action: MatterAction;
  matter: MatterDetail;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const catalog = useMatterCatalog();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = matterLabel('action', action, lang);

  const onFinish = async (values: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      // The form's fields are the action's body keys (action-fields.tsx); the server validates the rest.
      const body = { ...(toBody(values) as Record<string, unknown>), action } as MatterActionBody;
      const updated = await mattersApi.act(matter.id, matter.version, body);
      queryClient.setQueryData(['matters', 'detail', matter.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['matters', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['matters', 'counts'] });
      void queryClient.invalidateQueries({ queryKey: ['matters', 'stats'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      void queryClient.invalidateQueries({ queryKey: ['my-work'] });
      void message.success(t('action.done', { action: label }));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: ['matters', 'detail', matter.id] });
      }
      if (isApiError(e) && e.fields.length > 0) {
        form.setFields(e.fields.map((f) => ({ name: f.path.split('.'), errors: [f.message] })));
      }
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${label} · ${matter.code}`}
      okText={label}
      okButtonProps={{ loading: busy, danger: DANGER.includes(action), 'data-testid': 'action-ok' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={action === 'dispatch' ? 680 : 560}
      data-testid="action-modal"
    >
      <Typography.Paragraph type="secondary" ellipsis>
        {matter.title}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="xh-form-alert" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues(action, matter)}
        onFinish={(v: Record<string, unknown>) => void onFinish(v)}
      >
        <ActionFields action={action} matter={matter} catalog={catalog.data} />
      </Form>
    </Modal>
  );
}

export function MatterActions({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const lang = useLanguage();
  const [params, setParams] = useSearchParams();
  // `?act=sign` (a link from My work) opens that action's form at once when the caller may take it.
  const asked = params.get('act') as MatterAction | null;
  const [open, setOpen] = useState<MatterAction | null>(
    asked && matter.availableActions.includes(asked) ? asked : null,
  );
  const close = () => {
    setOpen(null);
    if (asked)
      setParams(
        (p) => {
          p.delete('act');
          return p;
        },
        { replace: true },
      );
  };
  if (matter.availableActions.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="matter-no-actions">
        {t('action.none')}
      </Typography.Text>
    );
  }
  return (
    <>
      <Space wrap data-testid="matter-actions">
        {matter.availableActions.map((action) => (
          <Button
            key={action}
            type={PRIMARY.includes(action) ? 'primary' : 'default'}
            danger={DANGER.includes(action)}
            onClick={() => setOpen(action)}
            data-testid={`action-${action}`}
          >
            {matterLabel('action', action, lang)}
          </Button>
        ))}
      </Space>
      {open && <ActionModal action={open} matter={matter} onClose={close} />}
    </>
  );
}
