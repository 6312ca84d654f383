// The form fields of each workflow action; field names are the API body's keys (matter.schemas.ts).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type MatterAction, type MatterCatalog, type MatterDetail, SIDE_EXIT_OUTCOMES } from '@xinhuo/shared';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useLanguage, useT } from '../../../i18n/use-t';
import { matterLabel } from '../../../features/matters/matter-labels';
import {
  AssignmentPicker,
  DecideExtensionFields,
  DuplicateOfField,
  RateFields,
  TextField,
  UnitSelect,
  notBeforeToday,
} from './field-parts';

export { ownAssignments } from './field-parts';

export function ActionFields({
  action,
  matter,
  catalog,
}: {
  action: MatterAction;
  matter: MatterDetail;
  catalog?: MatterCatalog;
}) {
  const t = useT();
  const lang = useLanguage();
  const reason = (label = t('action.reason'), required = true) => (
    <TextField name="reason" label={label} required={required} />
  );
  const activeUnits = matter.assignments.filter((a) => a.status !== 'withdrawn').map((a) => a.unitId);

  switch (action) {
    case 'dispatch':
      return (
        <>
          <Form.Item
            name="leadUnitId"
            label={t('action.leadUnit')}
            rules={[{ required: true, message: t('action.leadUnitRequired') }]}
          >
            <UnitSelect catalog={catalog} />
          </Form.Item>
          <Form.List name="coUnits">
            {(fields, { add, remove }) => (
              <Form.Item label={t('action.coUnits')}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" className="xh-co-unit-row">
                    <Form.Item
                      name={[field.name, 'unitId']}
                      rules={[{ required: true, message: t('action.pickUnit') }]}
                    >
                      <Select
                        style={{ width: 200 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={(catalog?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueDate']}>
                      <DatePicker
                        placeholder={t('action.subDeadline')}
                        disabledDate={notBeforeToday}
                        style={{ width: 210 }}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  {t('action.addCoUnit')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Space size="large" wrap>
            <Form.Item name="priorityCode" label={t('matter.priority')}>
              <Select
                style={{ width: 180 }}
                options={(catalog?.priorities ?? []).map((p) => ({
                  value: p.code,
                  label: t('raise.priorityOption', {
                    name: lang === 'en' ? p.nameEn : p.nameZh,
                    days: p.handleWorkdays,
                  }),
                }))}
              />
            </Form.Item>
            <Form.Item name="deadline" label={t('action.deadline')} extra={t('action.deadlineHint')}>
              <DatePicker disabledDate={notBeforeToday} />
            </Form.Item>
          </Space>
          <TextField name="note" label={t('action.note')} required={false} />
        </>
      );
    case 'sign':
      return (
        <>
          <AssignmentPicker matter={matter} action={action} />
          <Alert type="info" showIcon title={t('action.signHint')} />
        </>
      );
    case 'return':
      return (
        <>
          <AssignmentPicker matter={matter} action={action} />
          {reason(t('action.returnReason'))}
        </>
      );
    case 'uphold_return':
      return (
        <>
          <Form.Item
            name="newLeadUnitId"
            label={t('action.newLeadUnit')}
            rules={[{ required: true, message: t('action.leadUnitRequired') }]}
          >
            <UnitSelect catalog={catalog} exclude={activeUnits} />
          </Form.Item>
          {reason()}
        </>
      );
    case 'rule_co_return':
      return (
        <>
          <Form.Item name="assignmentId" label={t('action.assignment')} rules={[{ required: true }]}>
            <Select
              options={matter.assignments
                .filter((a) => a.role === 'co' && a.status === 'returned')
                .map((a) => ({ value: a.id, label: `${a.unitName} · ${a.returnReason ?? ''}` }))}
            />
          </Form.Item>
          <Form.Item name="decision" label={t('action.decision')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'uphold', label: t('action.uphold') },
                { value: 'overrule', label: t('action.overrule') },
              ]}
            />
          </Form.Item>
          {reason()}
        </>
      );
    case 'progress':
      return (
        <>
          <AssignmentPicker matter={matter} action={action} />
          <TextField name="note" label={t('action.progressNote')} required />
        </>
      );
    case 'co_reply':
      return (
        <>
          <AssignmentPicker matter={matter} action={action} />
          <TextField name="reply" label={t('action.reply')} required max={4000} />
          <Form.Item name="signOffName" label={t('action.signOffName')} rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      );
    case 'request_extension':
      return (
        <>
          <Form.Item
            name="requestedDue"
            label={t('action.requestedDue')}
            rules={[{ required: true, message: t('action.dateRequired') }]}
          >
            <DatePicker
              disabledDate={(d) => d.isBefore(dayjs(matter.deadline ?? undefined).add(1, 'day'), 'day')}
            />
          </Form.Item>
          {reason(t('action.extensionReason'))}
        </>
      );
    case 'decide_extension':
      return <DecideExtensionFields matter={matter} />;
    case 'submit':
      return (
        <>
          <TextField name="resolution" label={t('action.resolution')} required max={4000} rows={4} />
          <Form.Item
            name="signOffName"
            label={t('action.unitHeadSignOff')}
            rules={[{ required: true, whitespace: true, message: t('action.signOffRequired') }, { max: 50 }]}
          >
            <Input maxLength={50} data-testid="action-signOffName" />
          </Form.Item>
        </>
      );
    case 'accept':
      return <TextField name="note" label={t('action.verifyNote')} required={false} />;
    case 'reject':
      return reason(t('action.rejectReason'));
    case 'rate':
      return <RateFields />;
    case 'reopen':
      return (
        <>
          {reason()}
          <Form.Item name="deadline" label={t('action.newDeadline')}>
            <DatePicker disabledDate={notBeforeToday} />
          </Form.Item>
        </>
      );
    case 'overrule_return':
    case 'close_dissatisfied':
      return reason();
    case 'close_side':
      return (
        <>
          <Form.Item name="outcome" label={t('action.outcome')} rules={[{ required: true }]}>
            <Radio.Group
              options={SIDE_EXIT_OUTCOMES.map((o) => ({ value: o, label: matterLabel('outcome', o, lang) }))}
            />
          </Form.Item>
          <DuplicateOfField matter={matter} />
          {reason()}
        </>
      );
    case 'close_no_response':
      return <Alert type="warning" showIcon title={t('action.confirmOnly')} />;
  }
}
