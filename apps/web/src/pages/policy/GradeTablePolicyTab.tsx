// 岗级薪酬 (四岗十五级) as versions with effective dates: the 4 posts and their entry grade, the monthly base
// pay of the 15 grades (each at least the one below, checked as typed), the grade moves by assessment, the
// posts × grades table they make, and the version history. Version 1 holds illustrative values (示例数据).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GRADE_COUNT, type GradeTable, type PolicyVersionOfKind } from '@xinhuo/shared';
import { Alert, App, Form, Input, InputNumber, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { isApiError } from '../../api/client';
import { policyApi } from '../../api/policy-endpoints';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { KindVersionHistory, policyQueryKey, PublishFooter } from './PolicyKindParts';

export const GRADES_QUERY_KEY = policyQueryKey('grade_table');
type FormValues = GradeTable & { effectiveFrom: string };
type Version = PolicyVersionOfKind<'grade_table'>;
const GRADES = Array.from({ length: GRADE_COUNT }, (_, i) => i + 1);
const yuan = (n: number | null | undefined) => (typeof n === 'number' ? n.toLocaleString('zh-CN') : '–');

export function GradeTablePolicyTab() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const versions = useQuery({
    queryKey: GRADES_QUERY_KEY,
    queryFn: ({ signal }) => policyApi.versions('grade_table', signal),
  });
  const items = versions.data?.items ?? [];
  const today = versions.data?.today ?? dayjs().format('YYYY-MM-DD');
  const newest = items.find((v) => v.status !== 'cancelled');
  const inForce = items.find((v) => v.status === 'in_force');
  const scheduled = items.find((v) => v.status === 'scheduled');
  const posts = Form.useWatch('posts', form);
  const grades = Form.useWatch('grades', form);

  useEffect(() => {
    if (newest)
      form.setFieldsValue({
        ...newest.body,
        effectiveFrom: dayjs(versions.data!.today).add(1, 'day').format('YYYY-MM-DD'),
      });
  }, [newest, form, versions.data]);

  const publish = useMutation({
    mutationFn: ({ effectiveFrom, ...body }: FormValues) =>
      policyApi.createVersion('grade_table', { effectiveFrom, body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: GRADES_QUERY_KEY });
      void message.success(t('policy.published', { version: saved.version, date: saved.effectiveFrom }));
    },
    onError: (error) =>
      applyServerFieldErrors(form, error, ['effectiveFrom', 'posts', 'grades', 'promotion'], 'body.'),
  });

  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;

  const name = (p: { nameZh: string; nameEn: string }) => (lang === 'en' ? p.nameEn : p.nameZh);
  const summary = (v: Version) =>
    t('policy.grade.summary', {
      low: yuan(v.body.grades[0]?.monthlyPay),
      high: yuan(v.body.grades.at(-1)?.monthlyPay),
      posts: v.body.posts.map((p) => `${name(p)} ${p.entryGrade}`).join('、'),
    });
  const listed =
    publish.error && isApiError(publish.error)
      ? publish.error.fields.filter((f) => !/\.\d+\./.test(f.path)).map((f) => f.message)
      : [];

  return (
    <div className="xh-policy-tab" data-testid="policy-grades">
      <Typography.Paragraph type="secondary">{t('policy.grade.hint')}</Typography.Paragraph>
      {inForce && inForce.createdBy === null && (
        <Alert
          type="warning"
          showIcon
          className="xh-form-alert"
          title={t('policy.grade.illustrative')}
          data-testid="policy-grade-illustrative"
        />
      )}
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
        <Alert
          type="error"
          showIcon
          title={publish.error.message}
          description={listed.length ? listed.join('；') : undefined}
          className="xh-form-alert"
        />
      )}
      <Form<FormValues> form={form} layout="vertical" disabled={!newest} onFinish={(v) => publish.mutate(v)}>
        <Typography.Title level={5}>{t('policy.grade.posts')}</Typography.Title>
        <Form.List name="posts">
          {(fields) =>
            fields.map((f) => (
              <div key={f.key} className="xh-policy-row" data-testid="policy-grade-post">
                <Form.Item name={[f.name, 'code']} label={t('policy.tier.code')}>
                  <Input className="xh-policy-code" disabled />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'nameZh']}
                  label={t('policy.tier.nameZh')}
                  rules={[{ required: true, whitespace: true, max: 30 }]}
                >
                  <Input maxLength={30} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'nameEn']}
                  label={t('policy.tier.nameEn')}
                  rules={[{ required: true, whitespace: true, max: 60 }]}
                >
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'entryGrade']}
                  label={t('policy.grade.entry')}
                  rules={[{ required: true, type: 'integer', min: 1, max: GRADE_COUNT }]}
                >
                  <InputNumber precision={0} min={1} max={GRADE_COUNT} />
                </Form.Item>
              </div>
            ))
          }
        </Form.List>

        <Typography.Title level={5}>{t('policy.grade.pay')}</Typography.Title>
        <div className="xh-policy-grid xh-policy-grid-pay">
          {GRADES.map((g, i) => (
            <Form.Item
              key={g}
              name={['grades', i, 'monthlyPay']}
              label={t('policy.grade.gradeN', { n: g })}
              dependencies={i > 0 ? [['grades', i - 1, 'monthlyPay']] : []}
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: 0,
                  max: 1_000_000,
                  message: t('policy.grade.payFormat'),
                },
                ({ getFieldValue }) => ({
                  validator: async (_, value: number | null) => {
                    const below =
                      i > 0 ? (getFieldValue(['grades', i - 1, 'monthlyPay']) as number | null) : null;
                    if (typeof value === 'number' && typeof below === 'number' && value < below)
                      throw new Error(t('policy.grade.payBelow', { n: g - 1 }));
                  },
                }),
              ]}
            >
              <InputNumber
                precision={0}
                min={0}
                max={1_000_000}
                suffix={t('policy.grade.yuan')}
                data-testid={`policy-grade-pay-${g}`}
              />
            </Form.Item>
          ))}
        </div>
        {GRADES.map((g, i) => (
          <Form.Item key={g} name={['grades', i, 'grade']} hidden>
            <InputNumber />
          </Form.Item>
        ))}

        <Typography.Title level={5}>{t('policy.grade.promotion')}</Typography.Title>
        <Form.List name="promotion">
          {(fields) =>
            fields.map((f) => {
              const level = form.getFieldValue(['promotion', f.name, 'level']) as string;
              return (
                <div key={f.key} className="xh-policy-row" data-testid="policy-grade-rule">
                  <Form.Item label={t('policy.grade.level')}>
                    <Typography.Text strong>{t(`pipeline.level.${level}` as MessageKey)}</Typography.Text>
                  </Form.Item>
                  <Form.Item name={[f.name, 'level']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'consecutiveYears']}
                    label={t('policy.grade.years')}
                    rules={[{ required: true, type: 'integer', min: 1, max: 5 }]}
                  >
                    <InputNumber precision={0} min={1} max={5} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'move']}
                    label={t('policy.grade.move')}
                    rules={[{ required: true, type: 'integer', min: -3, max: 3 }]}
                  >
                    <InputNumber precision={0} min={-3} max={3} />
                  </Form.Item>
                </div>
              );
            })
          }
        </Form.List>

        <Typography.Title level={5}>{t('policy.grade.grid')}</Typography.Title>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="policy-grade-grid"
          dataSource={(posts ?? []).filter(Boolean)}
          columns={[
            {
              key: 'post',
              title: t('policy.grade.post'),
              fixed: 'left',
              render: (_, p) => name(p),
            },
            ...GRADES.map((g, i) => ({
              key: `g${g}`,
              title: t('policy.grade.gradeN', { n: g }),
              align: 'right' as const,
              render: (_: unknown, p: GradeTable['posts'][number]) =>
                g < (p.entryGrade ?? 1) ? (
                  <Typography.Text type="secondary">–</Typography.Text>
                ) : (
                  <span className={g === p.entryGrade ? 'xh-policy-entry' : undefined}>
                    {yuan(grades?.[i]?.monthlyPay)}
                  </span>
                ),
            })),
          ]}
        />
        <Typography.Paragraph type="secondary" className="xh-policy-grid-note">
          {t('policy.grade.gridNote')}
        </Typography.Paragraph>

        <PublishFooter today={today} pending={publish.isPending} />
      </Form>
      <KindVersionHistory kind="grade_table" items={items} loading={versions.isPending} summary={summary} />
    </div>
  );
}
