// 调整日程: one org's timetable, or the same dates for many at once (saved one by one, each with its own
// version, so a village changed meanwhile is reported rather than overwritten).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { fieldMessage, isoDate, type CampaignOrgItem } from '@xinhuo/shared';
import { isApiError } from '../../api/client';
import { electionsApi } from '../../api/election-endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { zodRule } from '../../lib/zod-rule';

interface Values {
  nominationDate?: string;
  vettingDate?: string;
  noticeStartDate?: string;
  electionDate?: string;
}
const FIELDS = ['nominationDate', 'vettingDate', 'noticeStartDate', 'electionDate'] as const;

export function TimetableModal({
  campaignId,
  orgs,
  onClose,
}: {
  campaignId: string;
  orgs: readonly CampaignOrgItem[];
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  const one = orgs.length === 1 ? orgs[0] : undefined;

  const save = async (v: Values) => {
    setSaving(true);
    const failed: string[] = [];
    // Only the dates filled in are sent: an empty one leaves each org's own date as it is.
    const dates = Object.fromEntries(FIELDS.filter((f) => v[f]).map((f) => [f, v[f]]));
    for (const org of orgs) {
      try {
        await electionsApi.timetable(campaignId, org.orgId, { version: org.version, ...dates });
      } catch (e) {
        failed.push(
          t('election.timetableFailed', { org: org.orgName, message: isApiError(e) ? e.message : String(e) }),
        );
      }
    }
    setSaving(false);
    await queryClient.invalidateQueries({ queryKey: ['elections'] });
    if (failed.length === 0) {
      void message.success(t('election.timetableSaved'));
      onClose();
    } else setFailures(failed);
  };

  const dateRule = zodRule(isoDate, lang);
  return (
    <Modal
      open
      title={
        one
          ? `${t('election.editTimetable')} · ${one.orgName}`
          : t('election.editTimetableMany', { count: orgs.length })
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'timetable-submit' } as ButtonProps}
      destroyOnHidden
    >
      {failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="xh-section"
          title={failures.map((f) => (
            <div key={f}>{f}</div>
          ))}
          data-testid="timetable-error"
        />
      )}
      {!one && <Typography.Paragraph type="secondary">{t('election.timetableHint')}</Typography.Paragraph>}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          one
            ? {
                nominationDate: one.timetable.nominationDate ?? undefined,
                vettingDate: one.timetable.vettingDate ?? undefined,
                noticeStartDate: one.timetable.noticeStartDate ?? undefined,
                electionDate: one.timetable.electionDate,
              }
            : {}
        }
        onFinish={(v) => void save(v)}
      >
        <div className="xh-election-row">
          <Form.Item name="nominationDate" label={t('election.nominationDate')} rules={[dateRule]}>
            <Input type="date" data-testid="timetable-nomination" />
          </Form.Item>
          <Form.Item name="vettingDate" label={t('election.vettingDate')} rules={[dateRule]}>
            <Input type="date" data-testid="timetable-vetting" />
          </Form.Item>
          <Form.Item name="noticeStartDate" label={t('election.noticeStartDate')} rules={[dateRule]}>
            <Input type="date" data-testid="timetable-notice" />
          </Form.Item>
          <Form.Item
            name="electionDate"
            label={t('election.electionDate')}
            rules={one ? [{ required: true, message: fieldMessage('required', lang) }, dateRule] : [dateRule]}
          >
            <Input type="date" data-testid="timetable-election" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
