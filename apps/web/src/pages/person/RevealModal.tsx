// Asks why a full ID number / phone is needed, then reveals it once (the server writes the audit record).
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { isApiError } from '../../api/client';
import { peopleApi } from '../../api/endpoints';
import { useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';

export type RevealField = 'idNumber' | 'phone';
export const REVEAL_REASON_MIN = 4;

interface RevealModalProps {
  personId: string;
  field: RevealField | null;
  fieldLabel: string;
  onClose: () => void;
}

export function RevealModal({ personId, field, fieldLabel, onClose }: RevealModalProps) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: ({ reason }: { reason: string }) => peopleApi.reveal(personId, field!, reason),
    onError: (error) => applyServerFieldErrors(form, error, ['reason']),
  });

  const close = () => {
    reveal.reset();
    form.resetFields();
    onClose();
  };

  const isRevealed = reveal.isSuccess;
  const revealed = reveal.data?.value ?? '–';
  const reasonRejected = isApiError(reveal.error) && reveal.error.fields.some((f) => f.path === 'reason');
  return (
    <Modal
      open={field !== null}
      title={t('reveal.title', { field: fieldLabel })}
      onCancel={close}
      onOk={!isRevealed ? () => form.submit() : close}
      okText={!isRevealed ? t('reveal.button') : t('common.close')}
      cancelButtonProps={!isRevealed ? {} : { style: { display: 'none' } }}
      confirmLoading={reveal.isPending}
      destroyOnHidden
      data-testid="reveal-modal"
    >
      {!isRevealed ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => reveal.mutate({ reason: values.reason.trim() })}
        >
          {reveal.isError && !reasonRejected && (
            <Alert type="error" showIcon title={reveal.error.message} className="xh-modal-alert" />
          )}
          <Form.Item
            name="reason"
            label={t('reveal.reason')}
            validateFirst
            rules={[
              { required: true, whitespace: true, message: t('reveal.reasonRequired') },
              { min: REVEAL_REASON_MIN, message: t('reveal.reasonMin', { min: REVEAL_REASON_MIN }) },
              { max: 200 },
            ]}
          >
            <Input.TextArea
              rows={3}
              placeholder={t('reveal.reasonPlaceholder')}
              autoFocus
              data-testid="reveal-reason"
            />
          </Form.Item>
        </Form>
      ) : (
        <>
          <Typography.Text type="secondary">{t('reveal.value', { field: fieldLabel })}</Typography.Text>
          <Typography.Paragraph copyable className="xh-revealed" data-testid="revealed-value">
            {revealed}
          </Typography.Paragraph>
          <Alert type="info" showIcon title={t('reveal.audited')} />
        </>
      )}
    </Modal>
  );
}
