// One part of the loop's versioned policy (the priority tiers, or the time limits and supervision ladder):
// a form that publishes a new version with its effective date, and the version history with its status.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { POLICY_BODY_SCHEMAS, type MatterLoopPolicy, type PolicyVersionOfKind } from '@xinhuo/shared';
import { Alert, App, Button, Form, Input, InputNumber, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { policyApi } from '../../api/policy-endpoints';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { KindVersionHistory, policyQueryKey, PublishFooter } from './PolicyKindParts';

export const LOOP_QUERY_KEY = policyQueryKey('matter_loop');

const THRESHOLD_NUMBERS = [
  'sign_for_workdays',
  'due_soon_workdays',
  'urge_overdue_workdays',
  'supervise_overdue_workdays',
  'circulate_overdue_workdays',
  'feedback_workdays',
] as const;
const THRESHOLD_TEXTS = ['assign_doc_prefix', 'supervise_doc_prefix'] as const;

type FormValues = MatterLoopPolicy & { effectiveFrom: string };

export function LoopPolicyTab({ part }: { part: 'tiers' | 'thresholds' }) {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const versions = useQuery({
    queryKey: LOOP_QUERY_KEY,
    queryFn: ({ signal }) => policyApi.versions('matter_loop', signal),
  });
  const items = versions.data?.items ?? [];
  const today = versions.data?.today ?? dayjs().format('YYYY-MM-DD');
  // The newest version is the base of the next one (a scheduled change is carried on, not lost); a
  // withdrawn one is not.
  const newest = items.find((v) => v.status !== 'cancelled');
  const inForce = items.find((v) => v.status === 'in_force');
  const scheduled = items.find((v) => v.status === 'scheduled');

  useEffect(() => {
    if (newest)
      form.setFieldsValue({
        ...newest.body,
        effectiveFrom: dayjs(versions.data!.today).add(1, 'day').format('YYYY-MM-DD'),
      });
  }, [newest, form, versions.data]);

  const publish = useMutation({
    mutationFn: (v: FormValues) => {
      const { effectiveFrom, ...edited } = v;
      const body = { ...newest!.body, [part]: edited[part] };
      return policyApi.createVersion('matter_loop', { effectiveFrom, body });
    },
    onSuccess: (saved: PolicyVersionOfKind<'matter_loop'>) => {
      void queryClient.invalidateQueries({ queryKey: LOOP_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: ['matters', 'catalog'] });
      void message.success(t('policy.published', { version: saved.version, date: saved.effectiveFrom }));
    },
    onError: (error) => applyServerFieldErrors(form, error, ['effectiveFrom']),
  });

  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;

  const bodyRule = {
    validator: async () => {
      const v = form.getFieldsValue(true) as FormValues;
      if (!newest) return;
      const body = { ...newest.body, [part]: v[part] };
      const r = POLICY_BODY_SCHEMAS.matter_loop.safeParse(body);
      if (!r.success && r.error.issues.some((i) => i.message === 'LADDER_ORDER'))
        throw new Error(t('policy.thr.ladderOrder'));
    },
  };

  const summary = (v: PolicyVersionOfKind<'matter_loop'>) =>
    part === 'tiers'
      ? v.body.tiers
          .filter((x) => x.isActive)
          .map((x) =>
            t('policy.tier.summary', { name: lang === 'en' ? x.nameEn : x.nameZh, days: x.handleWorkdays }),
          )
          .join('；')
      : t('policy.thr.summary', {
          sign: v.body.thresholds.sign_for_workdays,
          urge: v.body.thresholds.urge_overdue_workdays,
          supervise: v.body.thresholds.supervise_overdue_workdays,
          circulate: v.body.thresholds.circulate_overdue_workdays,
          feedback: v.body.thresholds.feedback_workdays,
        });

  return (
    <div className="xh-policy-tab" data-testid={`policy-${part}`}>
      {inForce && (
        <Typography.Paragraph data-testid="policy-in-force">
          {t('policy.inForce', { version: inForce.version, date: inForce.effectiveFrom })}
          {scheduled && (
            <>
              <br />
              <Typography.Text type="warning">
                {t('policy.scheduledNote', { version: scheduled.version, date: scheduled.effectiveFrom })}
              </Typography.Text>
            </>
          )}
        </Typography.Paragraph>
      )}
      {publish.isError && (
        <Alert type="error" showIcon title={publish.error.message} className="xh-form-alert" />
      )}
      <Form<FormValues> form={form} layout="vertical" disabled={!newest} onFinish={(v) => publish.mutate(v)}>
        {part === 'tiers' ? (
          <TierFields published={newest?.body.tiers.length ?? 0} />
        ) : (
          <ThresholdFields rule={bodyRule} />
        )}
        <PublishFooter today={today} pending={publish.isPending} />
      </Form>
      <KindVersionHistory kind="matter_loop" items={items} loading={versions.isPending} summary={summary} />
    </div>
  );
}

/** The tiers of the next version; a published tier keeps its code (matters refer to it), new ones get one. */
function TierFields({ published }: { published: number }) {
  const t = useT();
  return (
    <Form.List name="tiers">
      {(fields, { add }) => (
        <>
          {fields.map((f) => (
            <div key={f.key} className="xh-policy-row" data-testid="policy-tier-row">
              <Form.Item
                name={[f.name, 'code']}
                label={t('policy.tier.code')}
                rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,29}$/ }]}
              >
                <Input className="xh-policy-code" disabled={f.name < published} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'nameZh']}
                label={t('policy.tier.nameZh')}
                rules={[{ required: true }]}
              >
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'nameEn']}
                label={t('policy.tier.nameEn')}
                rules={[{ required: true }]}
              >
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'handleWorkdays']}
                label={t('policy.tier.days')}
                rules={[{ required: true, type: 'integer', min: 1, max: 120 }]}
              >
                <InputNumber precision={0} min={1} max={120} data-testid={`policy-tier-days-${f.name}`} />
              </Form.Item>
              <Form.Item name={[f.name, 'isActive']} label={t('policy.tier.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </div>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ code: '', nameZh: '', nameEn: '', handleWorkdays: 10, isActive: true })}
            className="xh-policy-add"
          >
            {t('policy.tier.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function ThresholdFields({ rule }: { rule: { validator: () => Promise<void> } }) {
  const t = useT();
  return (
    <div className="xh-policy-grid">
      {THRESHOLD_NUMBERS.map((k) => (
        <Form.Item
          key={k}
          name={['thresholds', k]}
          label={t(`policy.thr.${k}` as MessageKey)}
          dependencies={THRESHOLD_NUMBERS.map((d) => ['thresholds', d])}
          rules={[{ required: true, type: 'integer', min: 0, max: 60 }, rule]}
        >
          <InputNumber precision={0} min={0} max={60} data-testid={`policy-thr-${k}`} />
        </Form.Item>
      ))}
      {THRESHOLD_TEXTS.map((k) => (
        <Form.Item
          key={k}
          name={['thresholds', k]}
          label={t(`policy.thr.${k}` as MessageKey)}
          rules={[{ required: true, max: 10 }]}
        >
          <Input maxLength={10} />
        </Form.Item>
      ))}
    </div>
  );
}
