// A tier's dated versions (its terms and eligibility rules) on the platform's version mechanism: the history
// with PolicyVersionHistory (生效中 / 待生效 / 已被取代 / 已撤销) and, for pipeline:manage, a new version of the
// terms effective today or later (keeping the rules in force) and the withdrawal of a scheduled one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Typography } from 'antd';
import type { Tier, TierVersion } from '@xinhuo/shared';
import dayjs from 'dayjs';
import { hasPermission, useMe } from '../../auth/me-context';
import { pipelineApi } from '../../api/pipeline-endpoints';
import { PolicyVersionHistory } from '../../components/policy/PolicyVersionHistory';
import { useLanguage, useT } from '../../i18n/use-t';

interface TermValues {
  effectiveFrom: string;
  target: number;
  hoursPerYear: number;
  monthsMin: number;
  monthsMax: number;
}

export function TierVersionsModal({ tier, onClose }: { tier: Tier; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const manage = hasPermission(me, 'pipeline:manage');
  const today = dayjs().format('YYYY-MM-DD');
  // The rules a new version keeps: those of the version in force today (else the newest not withdrawn).
  const base =
    tier.ruleSets.find((v) => v.status === 'in_force') ?? tier.ruleSets.find((v) => v.status !== 'cancelled');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['pipeline'] });
  const publish = useMutation({
    mutationFn: (v: TermValues) => pipelineApi.addTierVersion(tier.id, { ...v, rules: base!.rules }),
    onSuccess: (_, v) => {
      void refresh();
      void message.success(
        t('policy.published', { version: tier.ruleSets.length + 1, date: v.effectiveFrom }),
      );
    },
  });
  const summary = (v: TierVersion) =>
    t('pipeline.tier.versionSummary', {
      target: v.target,
      hours: v.hoursPerYear,
      min: v.monthsMin,
      max: v.monthsMax,
      rules: v.rules.length,
    });
  return (
    <Modal
      open
      width={880}
      title={t('pipeline.tier.versionsTitle', { tier: lang === 'en' ? tier.nameEn : tier.nameZh })}
      footer={null}
      onCancel={onClose}
      data-testid="tier-versions"
    >
      {manage && base && (
        <Form<TermValues>
          layout="vertical"
          initialValues={{
            target: tier.target,
            hoursPerYear: tier.hoursPerYear,
            monthsMin: tier.monthsMin,
            monthsMax: tier.monthsMax,
          }}
          onFinish={(v) => publish.mutate(v)}
          className="xh-pl-tier-version-form"
        >
          <Typography.Paragraph type="secondary">{t('pipeline.tier.newVersionHint')}</Typography.Paragraph>
          {publish.isError && (
            <Alert type="error" showIcon title={publish.error.message} className="xh-form-alert" />
          )}
          <div className="xh-pl-tier-terms">
            <Form.Item name="target" label={t('pipeline.tier.target')} rules={[{ required: true }]}>
              <InputNumber precision={0} min={0} max={100000} data-testid="tier-version-target" />
            </Form.Item>
            <Form.Item name="hoursPerYear" label={t('pipeline.tier.hours')} rules={[{ required: true }]}>
              <InputNumber precision={0} min={0} max={2000} />
            </Form.Item>
            <Form.Item name="monthsMin" label={t('pipeline.tier.monthsMin')} rules={[{ required: true }]}>
              <InputNumber precision={0} min={0} max={120} />
            </Form.Item>
            <Form.Item name="monthsMax" label={t('pipeline.tier.monthsMax')} rules={[{ required: true }]}>
              <InputNumber precision={0} min={0} max={120} />
            </Form.Item>
            <Form.Item
              name="effectiveFrom"
              label={t('policy.effectiveFrom')}
              extra={t('policy.effectiveHint')}
              rules={[{ required: true, message: t('policy.effectiveRequired') }]}
            >
              <Input type="date" min={today} data-testid="tier-version-from" />
            </Form.Item>
          </div>
          <Button
            type="primary"
            htmlType="submit"
            loading={publish.isPending}
            data-testid="tier-version-publish"
          >
            {t('policy.publish')}
          </Button>
        </Form>
      )}
      <PolicyVersionHistory<TierVersion>
        items={tier.ruleSets}
        summary={summary}
        testId="tier-history"
        onCancel={
          manage
            ? async (v, reason) => {
                await pipelineApi.cancelTierVersion(tier.id, v.version, reason);
                void refresh();
                void message.success(t('policy.cancelled', { version: v.version }));
              }
            : undefined
        }
      />
    </Modal>
  );
}
