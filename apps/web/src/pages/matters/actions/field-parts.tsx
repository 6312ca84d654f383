// Building blocks of the action forms: free-text fields, unit and assignment pickers, and two small sub-forms.
import type { MatterAction, MatterCatalog, MatterDetail } from '@xinhuo/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Radio, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { mattersApi } from '../../../api/endpoints';
import { useLanguage, useT } from '../../../i18n/use-t';
import { matterLabel } from '../../../features/matters/matter-labels';

/** Which of the caller's own assignments an action may apply to. */
const FITS: Partial<Record<MatterAction, readonly string[]>> = {
  sign: ['pending'],
  return: ['pending'],
  progress: ['signed'],
  co_reply: ['signed'],
};

export function ownAssignments(matter: MatterDetail, action: MatterAction) {
  const fits = FITS[action];
  return matter.assignments.filter(
    (a) => matter.myAssignmentIds.includes(a.id) && (!fits || fits.includes(a.status)),
  );
}

export const notBeforeToday = (d: Dayjs) => d.isBefore(dayjs(), 'day');

export function TextField({
  name,
  label,
  required,
  rows = 3,
  max = 2000,
}: {
  name: string;
  label: string;
  required: boolean;
  rows?: number;
  max?: number;
}) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        { required, whitespace: true, message: t('action.fieldRequired', { field: label }) },
        { max, message: t('action.tooLong', { max }) },
      ]}
    >
      <Input.TextArea rows={rows} maxLength={max} showCount data-testid={`action-${name}`} />
    </Form.Item>
  );
}

/** A unit picker from the catalog; Form.Item's id, value and onChange pass through. */
export function UnitSelect({
  catalog,
  exclude = [],
  ...control
}: {
  catalog?: MatterCatalog;
  exclude?: string[];
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const t = useT();
  return (
    <Select
      {...control}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('action.pickUnit')}
      options={(catalog?.units ?? [])
        .filter((u) => !exclude.includes(u.id))
        .map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}

export function AssignmentPicker({ matter, action }: { matter: MatterDetail; action: MatterAction }) {
  const t = useT();
  const lang = useLanguage();
  const mine = ownAssignments(matter, action);
  if (mine.length < 2) return null;
  return (
    <Form.Item name="assignmentId" label={t('action.assignment')} rules={[{ required: true }]}>
      <Select
        options={mine.map((a) => ({
          value: a.id,
          label: t('overdue.unitRole', {
            unit: a.unitName,
            role: matterLabel('assignmentRole', a.role, lang),
          }),
        }))}
      />
    </Form.Item>
  );
}

export function DecideExtensionFields({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const approve = Form.useWatch<boolean | undefined>('approve');
  return (
    <>
      {matter.extension && (
        <Alert
          type="info"
          showIcon
          className="xh-form-alert"
          title={t('action.extensionAsked', { date: matter.extension.requestedDue })}
          description={matter.extension.reason}
        />
      )}
      <Form.Item name="approve" label={t('action.decision')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: true, label: t('action.approve') },
            { value: false, label: t('action.refuse') },
          ]}
        />
      </Form.Item>
      {approve === true && (
        <Form.Item name="deadline" label={t('action.newDeadline')} extra={t('action.newDeadlineHint')}>
          <DatePicker disabledDate={notBeforeToday} />
        </Form.Item>
      )}
      <TextField
        name="reason"
        label={approve === false ? t('action.refuseReason') : t('action.reason')}
        required={approve === false}
      />
    </>
  );
}

export function RateFields() {
  const t = useT();
  const lang = useLanguage();
  const rating = Form.useWatch<string | undefined>('rating');
  return (
    <>
      <Form.Item
        name="rating"
        label={t('action.rating')}
        rules={[{ required: true, message: t('action.ratingRequired') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="action-rating"
          options={(['satisfied', 'basic', 'dissatisfied'] as const).map((r) => ({
            value: r,
            label: matterLabel('satisfaction', r, lang),
          }))}
        />
      </Form.Item>
      <TextField
        name="comment"
        label={rating === 'dissatisfied' ? t('action.dissatisfiedReason') : t('action.comment')}
        required={rating === 'dissatisfied'}
      />
    </>
  );
}

/** 重复事项: the matter this one duplicates, found by code or title among those the user can see. */
export function DuplicateOfField({ matter }: { matter: MatterDetail }) {
  const t = useT();
  const outcome = Form.useWatch<string | undefined>('outcome');
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['matters', 'list', 'duplicate-search', q],
    queryFn: ({ signal }) => mattersApi.list({ q, page: 1, pageSize: 10 }, signal),
    enabled: outcome === 'duplicate' && q.trim().length >= 2,
  });
  if (outcome !== 'duplicate') return null;
  return (
    <Form.Item
      name="duplicateOfId"
      label={t('action.duplicateOf')}
      rules={[{ required: true, message: t('action.duplicateOfRequired') }]}
    >
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder={t('action.duplicateOfPlaceholder')}
        notFoundContent={found.isFetching ? <Spin size="small" /> : null}
        options={(found.data?.items ?? [])
          .filter((m) => m.id !== matter.id)
          .map((m) => ({ value: m.id, label: `${m.code} ${m.title}` }))}
      />
    </Form.Item>
  );
}
