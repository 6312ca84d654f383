// One shape for the settings pages an administrator saves as a whole (系统设置, 安全策略): the state is read
// with its version, the form is filled from it, a save sends the version it was read at, a stale save
// (409) shows the server's message with a button that loads the latest, and integer fields take their
// range from the shared schema (one source for the form and the server).
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Typography, type FormInstance } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { useT, type MessageKey } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';

/** The codes by which a server refuses a save made on an older version. */
const STALE_CODES = new Set(['SETTINGS_STALE', 'VERSION_CONFLICT']);

interface VersionedState {
  version: number;
}

/** Load `queryKey`, fill `form` from it, save with the version read; `onSaved` runs after the cache is set. */
export function useVersionedSettings<S extends VersionedState, V>(opts: {
  form: FormInstance<V>;
  queryKey: QueryKey;
  load: (signal: AbortSignal) => Promise<S>;
  toForm: (state: S) => V;
  save: (values: V, version: number) => Promise<S>;
  onSaved: (saved: S) => void;
}) {
  const queryClient = useQueryClient();
  const { form, queryKey, toForm } = opts;
  const state = useQuery({ queryKey, queryFn: ({ signal }) => opts.load(signal) });
  useEffect(() => {
    if (state.data) form.setFieldsValue(toForm(state.data) as Parameters<typeof form.setFieldsValue>[0]);
  }, [state.data, form, toForm]);
  const save = useMutation({
    mutationFn: (values: V) => opts.save(values, state.data!.version),
    onSuccess: (saved: S) => {
      queryClient.setQueryData(queryKey, saved);
      opts.onSaved(saved);
    },
    onError: (error) => applyServerFieldErrors(form, error, []),
  });
  const stale = isApiError(save.error) && STALE_CODES.has(save.error.code);
  const reload = () => {
    save.reset();
    void state.refetch();
  };
  return { state, save, stale, reload };
}

/** The save's error, with 加载最新设置 when the save was made on an older version. */
export function SaveErrorAlert(props: {
  error: Error | null;
  stale: boolean;
  onReload: () => void;
  testIdPrefix: string;
}) {
  const t = useT();
  if (!props.error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={props.error.message}
      className="xh-form-alert"
      data-testid={`${props.testIdPrefix}-error`}
      action={
        props.stale ? (
          <Button size="small" onClick={props.onReload} data-testid={`${props.testIdPrefix}-reload`}>
            {t('settings.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** 当前为系统默认值 for version 0, otherwise the caller's line naming the version. */
export function VersionLine(props: { version: number; testId: string; children: ReactNode }) {
  const t = useT();
  return (
    <Typography.Paragraph type="secondary" data-testid={props.testId}>
      {props.version === 0 ? t('secpolicy.defaults') : props.children}
    </Typography.Paragraph>
  );
}

interface IntegerSchema {
  minValue: number | null;
  maxValue: number | null;
}

/** The bounds an integer field of a shared zod schema allows. */
export function rangeOf(schema: IntegerSchema): { min: number; max: number } {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** An integer setting checked as you type against its schema's range (and any extra rules). */
export function IntegerField(props: {
  name: string;
  label: MessageKey;
  schema: IntegerSchema;
  testId: string;
  className: string;
  rules?: { validator: (rule: unknown, value: number | null) => Promise<void> }[];
}) {
  const t = useT();
  const { min, max } = rangeOf(props.schema);
  return (
    <Form.Item
      name={props.name}
      label={t(props.label)}
      extra={t('secpolicy.range', { min, max })}
      validateTrigger="onChange"
      rules={[
        { required: true, type: 'integer', min, max, message: t('secpolicy.range', { min, max }) },
        ...(props.rules ?? []),
      ]}
    >
      <InputNumber precision={0} className={props.className} data-testid={props.testId} />
    </Form.Item>
  );
}
