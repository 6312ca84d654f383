// A candidate: the record, the checklist, the history, and the next steps the caller may take.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  ASSESSMENT_LEVELS,
  PIPELINE_NOTICE_WORKDAYS,
  fieldMessage,
  isoDate,
  type CandidateAction,
  type CandidateDetail,
  type CandidateStepBody,
} from '@xinhuo/shared';
import { isApiError } from '../../api/client';
import { pipelineApi } from '../../api/pipeline-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PersonSelect } from '../../components/PersonSelect';
import { QueryError } from '../../components/QueryError';
import type { MessageKey } from '../../i18n/use-t';
import { useLanguage, useT } from '../../i18n/use-t';
import { zodRule } from '../../lib/zod-rule';
import { CandidateView } from './CandidateView';
import './pipeline.css';

const CITY_STEPS: readonly CandidateAction[] = [
  'vet',
  'start_notice',
  'select',
  'start_training',
  'assess',
  'place',
];
const today = () => new Date().toISOString().slice(0, 10);

type StepValues = Record<string, string | number | undefined>;

function bodyOf(action: CandidateAction, v: StepValues, version: number): CandidateStepBody {
  const base = {
    date: String(v.date).trim(),
    version,
    reason: v.reason ? String(v.reason).trim() : undefined,
  };
  switch (action) {
    case 'vet':
      return {
        ...base,
        action,
        team: String(v.team ?? '')
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter(Boolean),
        findings: String(v.findings ?? '').trim(),
        conclusion: String(v.conclusion ?? '').trim(),
      };
    case 'start_notice':
      return { ...base, action, workdays: Number(v.workdays ?? PIPELINE_NOTICE_WORKDAYS) };
    case 'select':
      return { ...base, action, cohortId: String(v.cohortId) };
    case 'start_training':
      return { ...base, action, mentorPersonId: String(v.mentorPersonId), milestones: [] };
    case 'assess':
      return { ...base, action, year: Number(v.year), level: v.level as (typeof ASSESSMENT_LEVELS)[number] };
    case 'place':
      return { ...base, action, orgId: String(v.orgId) };
    case 'exit':
      return { action, date: base.date, version, reason: String(v.reason ?? '').trim() };
    case 'check_eligibility':
      return { ...base, action };
  }
}

function StepModal({
  c,
  action,
  onClose,
}: {
  c: CandidateDetail;
  action: CandidateAction;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const mentorOrg = Form.useWatch('mentorOrg', form) as string | undefined;
  const [error, setError] = useState<string | null>(null);
  const required = { required: true, message: fieldMessage('required', lang) };
  const cohorts = useQuery({
    queryKey: ['pipeline', 'cohorts', c.tierId],
    queryFn: ({ signal }) => pipelineApi.cohorts(c.tierId, signal),
    enabled: action === 'select',
  });
  const run = useMutation({
    mutationFn: (v: StepValues) => pipelineApi.step(c.id, bodyOf(action, v, c.version)),
    onSuccess: (d) => {
      queryClient.setQueryData(['pipeline', 'candidate', c.id], d);
      void queryClient.invalidateQueries({ queryKey: ['pipeline'] });
      void message.success(t('pipeline.done'));
      onClose();
    },
    onError: (e) => setError(isApiError(e) ? e.message : String(e)),
  });
  const initialDate = action === 'select' && c.notice ? undefined : today();
  return (
    <Modal
      open
      title={t(`pipeline.action.${action}` as MessageKey)}
      onCancel={onClose}
      onOk={() => form.submit()}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      okButtonProps={{ 'data-testid': 'step-submit' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="xh-section" data-testid="step-error" />}
      <Form<StepValues>
        form={form}
        layout="vertical"
        initialValues={{
          date: initialDate,
          workdays: PIPELINE_NOTICE_WORKDAYS,
          year: new Date().getFullYear() - 1,
        }}
        onFinish={(v) => {
          setError(null);
          run.mutate(v);
        }}
      >
        <Form.Item name="date" label={t('pipeline.field.date')} rules={[required, zodRule(isoDate, lang)]}>
          <Input data-testid="step-date" />
        </Form.Item>
        {action === 'vet' && (
          <>
            <Form.Item name="team" label={t('pipeline.field.team')} rules={[required]}>
              <Input data-testid="step-team" />
            </Form.Item>
            <Form.Item name="findings" label={t('pipeline.field.findings')} rules={[required]}>
              <Input.TextArea rows={3} data-testid="step-findings" />
            </Form.Item>
            <Form.Item name="conclusion" label={t('pipeline.field.conclusion')} rules={[required]}>
              <Input data-testid="step-conclusion" />
            </Form.Item>
          </>
        )}
        {action === 'start_notice' && (
          <Form.Item name="workdays" label={t('pipeline.field.workdays')} rules={[required]}>
            <InputNumber min={PIPELINE_NOTICE_WORKDAYS} max={30} data-testid="step-workdays" />
          </Form.Item>
        )}
        {action === 'select' && (
          <Form.Item name="cohortId" label={t('pipeline.field.cohort')} rules={[required]}>
            <Select
              data-testid="step-cohort"
              options={(cohorts.data?.items ?? []).map((k) => ({
                value: k.id,
                label: `${k.name}（${k.selectionDate}）`,
              }))}
            />
          </Form.Item>
        )}
        {action === 'start_training' && (
          <>
            <Form.Item name="mentorOrg" label={t('pipeline.field.mentorOrg')} rules={[required]}>
              <OrgTreeSelect testId="step-mentor-org" ariaLabel={t('pipeline.field.mentorOrg')} />
            </Form.Item>
            <Form.Item name="mentorPersonId" label={t('pipeline.field.mentor')} rules={[required]}>
              {mentorOrg ? <PersonSelect orgId={mentorOrg} testId="step-mentor" /> : <Select disabled />}
            </Form.Item>
          </>
        )}
        {action === 'assess' && (
          <>
            <Form.Item name="year" label={t('pipeline.field.year')} rules={[required]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="level" label={t('pipeline.field.level')} rules={[required]}>
              <Select
                options={ASSESSMENT_LEVELS.map((l) => ({
                  value: l,
                  label: t(`pipeline.level.${l}` as MessageKey),
                }))}
              />
            </Form.Item>
          </>
        )}
        {action === 'place' && (
          <Form.Item name="orgId" label={t('pipeline.field.village')} rules={[required]}>
            <OrgTreeSelect testId="step-village" ariaLabel={t('pipeline.field.village')} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('pipeline.field.reason')}
          rules={action === 'exit' ? [required] : []}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="step-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TextModal({
  title,
  label,
  withDate,
  min,
  onSubmit,
  onClose,
  testId,
}: {
  title: string;
  label: string;
  withDate: boolean;
  min?: number;
  onSubmit: (v: { date: string; text: string }) => Promise<unknown>;
  onClose: () => void;
  testId: string;
}) {
  const t = useT();
  const lang = useLanguage();
  const [form] = Form.useForm<{ date: string; text: string }>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (v: { date: string; text: string }) =>
      onSubmit({ date: v.date?.trim(), text: v.text.trim() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['pipeline'] });
      onClose();
    },
    onError: (e) => setError(isApiError(e) ? e.message : String(e)),
  });
  const required = { required: true, message: fieldMessage('required', lang) };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      okButtonProps={{ 'data-testid': `${testId}-submit` } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="xh-section" />}
      <Form form={form} layout="vertical" initialValues={{ date: today() }} onFinish={(v) => run.mutate(v)}>
        {withDate && (
          <Form.Item name="date" label={t('pipeline.field.date')} rules={[required, zodRule(isoDate, lang)]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="text"
          label={label}
          rules={[required, ...(min ? [{ min, message: fieldMessage('too_small', lang) }] : [])]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid={`${testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CandidatePage() {
  const { id = '' } = useParams();
  const t = useT();
  const me = useMe();
  const [action, setAction] = useState<CandidateAction | null>(null);
  const [modal, setModal] = useState<'override' | 'objection' | { resolve: string } | null>(null);
  const q = useQuery({
    queryKey: ['pipeline', 'candidate', id],
    queryFn: ({ signal }) => pipelineApi.candidate(id, signal),
  });
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const c = q.data;
  const manage = hasPermission(me, 'pipeline:manage');
  const actions = c.nextActions.filter((a) => manage || !CITY_STEPS.includes(a));
  const canOverride =
    hasPermission(me, 'pipeline:override') &&
    c.state === 'eligibility_checked' &&
    c.eligible === false &&
    !c.overrideReason;
  return (
    <div>
      <div className="xh-page-head">
        <Typography.Title level={1}>
          <Link to="/pipeline">{t('pipeline.title')}</Link> · {c.personName}
        </Typography.Title>
      </div>
      <div className="xh-pl-actions xh-section" data-testid="next-actions">
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'exit' ? 'default' : 'primary'}
            danger={a === 'exit'}
            onClick={() => setAction(a)}
            data-testid={`action-${a}`}
          >
            {t(`pipeline.action.${a}` as MessageKey)}
          </Button>
        ))}
        {canOverride && (
          <Button onClick={() => setModal('override')} data-testid="action-override">
            {t('pipeline.override')}
          </Button>
        )}
        {manage && c.state === 'notice' && (
          <Button onClick={() => setModal('objection')} data-testid="action-objection">
            {t('pipeline.objection.raise')}
          </Button>
        )}
        {manage &&
          c.objections
            .filter((o) => !o.resolvedOn)
            .map((o) => (
              <Button key={o.id} onClick={() => setModal({ resolve: o.id })} data-testid="action-resolve">
                {t('pipeline.objection.resolve')}：{o.text.slice(0, 10)}
              </Button>
            ))}
        {c.notice && (
          <Link
            to={`/pipeline/candidates/${encodeURIComponent(c.id)}/notice`}
            data-testid="notice-print-link"
          >
            <Button>{t('pipeline.notice.print')}</Button>
          </Link>
        )}
      </div>
      <CandidateView c={c} />
      {action && <StepModal c={c} action={action} onClose={() => setAction(null)} />}
      {modal === 'override' && (
        <TextModal
          title={t('pipeline.override.title')}
          label={t('pipeline.field.reason')}
          withDate={false}
          min={10}
          testId="override"
          onSubmit={(v) => pipelineApi.override(c.id, { version: c.version, reason: v.text })}
          onClose={() => setModal(null)}
        />
      )}
      {modal === 'objection' && (
        <TextModal
          title={t('pipeline.objection.raise')}
          label={t('pipeline.objection.text')}
          withDate
          testId="objection"
          onSubmit={(v) => pipelineApi.objection(c.id, { date: v.date, text: v.text })}
          onClose={() => setModal(null)}
        />
      )}
      {modal && typeof modal === 'object' && (
        <TextModal
          title={t('pipeline.objection.resolve')}
          label={t('pipeline.objection.resolution')}
          withDate
          testId="resolve"
          onSubmit={(v) =>
            pipelineApi.resolveObjection(c.id, modal.resolve, { date: v.date, resolution: v.text })
          }
          onClose={() => setModal(null)}
        />
      )}
    </div>
  );
}
