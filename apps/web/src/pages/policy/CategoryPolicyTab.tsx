// 事项类别 as versions with effective dates: the whole category list of the next version (a published
// category keeps its code and is retired, never removed), its effective date, and the version history.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MatterCategoriesPolicy, PolicyVersionOfKind } from '@xinhuo/shared';
import { Alert, App, Button, Form, Input, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { isApiError } from '../../api/client';
import { policyApi } from '../../api/policy-endpoints';
import { QueryError } from '../../components/QueryError';
import { useMatterCatalog } from '../../features/matters/use-catalog';
import { useLanguage, useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { KindVersionHistory, policyQueryKey, PublishFooter } from './PolicyKindParts';

export const CATEGORIES_QUERY_KEY = policyQueryKey('matter_categories');
const CODE = /^[a-z][a-z0-9_]{1,29}$/;

type FormValues = MatterCategoriesPolicy & { effectiveFrom: string };
type Version = PolicyVersionOfKind<'matter_categories'>;

export function CategoryPolicyTab() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const catalog = useMatterCatalog();
  const versions = useQuery({
    queryKey: CATEGORIES_QUERY_KEY,
    queryFn: ({ signal }) => policyApi.versions('matter_categories', signal),
  });
  const items = versions.data?.items ?? [];
  const today = versions.data?.today ?? dayjs().format('YYYY-MM-DD');
  // The newest version not withdrawn is the base of the next one (a scheduled change is carried on).
  const newest = items.find((v) => v.status !== 'cancelled');
  const inForce = items.find((v) => v.status === 'in_force');
  const scheduled = items.find((v) => v.status === 'scheduled');
  // The rows of the newest version come first in its order: those keep their code and stay (retire them).
  const published = newest?.body.categories.length ?? 0;

  useEffect(() => {
    if (newest)
      form.setFieldsValue({
        categories: newest.body.categories,
        effectiveFrom: dayjs(versions.data!.today).add(1, 'day').format('YYYY-MM-DD'),
      });
  }, [newest, form, versions.data]);

  const publish = useMutation({
    mutationFn: ({ effectiveFrom, categories }: FormValues) =>
      policyApi.createVersion('matter_categories', { effectiveFrom, body: { categories } }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: CATEGORIES_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: ['matters', 'catalog'] });
      void message.success(t('policy.published', { version: saved.version, date: saved.effectiveFrom }));
    },
    onError: (error) => applyServerFieldErrors(form, error, ['effectiveFrom', 'categories'], 'body.'),
  });

  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;

  const units = (catalog.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }));
  const name = (c: { nameZh: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.nameZh);
  const summary = (v: Version) => {
    const retired = v.body.categories.filter((c) => !c.isActive);
    return [
      v.body.categories
        .filter((c) => c.isActive)
        .map(name)
        .join('、'),
      retired.length ? t('policy.cat.retiredList', { names: retired.map(name).join('、') }) : '',
    ]
      .filter(Boolean)
      .join('；');
  };
  // Errors the fields cannot show (a removed category, a repeated code) are listed under the message.
  const listed =
    publish.error && isApiError(publish.error)
      ? publish.error.fields.filter((f) => !/\.\d+\./.test(f.path)).map((f) => f.message)
      : [];

  return (
    <div className="xh-policy-tab" data-testid="policy-categories">
      <Typography.Paragraph type="secondary">{t('policy.cat.hint')}</Typography.Paragraph>
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
          data-testid="policy-error"
        />
      )}
      <Form<FormValues> form={form} layout="vertical" disabled={!newest} onFinish={(v) => publish.mutate(v)}>
        <Form.List name="categories">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => {
                const isPublished = f.name < published;
                return (
                  <div key={f.key} className="xh-policy-row" data-testid="policy-category-row">
                    <Form.Item
                      name={[f.name, 'code']}
                      label={t('policy.tier.code')}
                      dependencies={fields.map((x) => ['categories', x.name, 'code'])}
                      rules={[
                        { required: true, message: t('policy.cat.codeRequired') },
                        { pattern: CODE, message: t('policy.cat.codeFormat') },
                        {
                          validator: async (_, value: string) => {
                            const all = (form.getFieldValue('categories') as { code: string }[]) ?? [];
                            if (value && all.filter((c) => c?.code === value).length > 1)
                              throw new Error(t('policy.cat.codeTwice'));
                          },
                        },
                      ]}
                    >
                      <Input
                        className="xh-policy-code"
                        disabled={isPublished}
                        data-testid={`policy-category-code-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'nameZh']}
                      label={t('policy.tier.nameZh')}
                      rules={[{ required: true, whitespace: true, max: 30 }]}
                    >
                      <Input maxLength={30} data-testid={`policy-category-zh-${f.name}`} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'nameEn']}
                      label={t('policy.tier.nameEn')}
                      rules={[{ required: true, whitespace: true, max: 60 }]}
                    >
                      <Input maxLength={60} data-testid={`policy-category-en-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'defaultUnitId']} label={t('policy.cat.defaultUnit')}>
                      <Select
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        className="xh-policy-select"
                        options={units}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'isActive']}
                      label={t('policy.tier.active')}
                      valuePropName="checked"
                    >
                      <Switch data-testid={`policy-category-active-${f.name}`} />
                    </Form.Item>
                    {!isPublished && (
                      <Form.Item label=" ">
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('policy.cat.removeNew')}
                          onClick={() => remove(f.name)}
                        />
                      </Form.Item>
                    )}
                  </div>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ code: '', nameZh: '', nameEn: '', defaultUnitId: null, isActive: true })}
                className="xh-policy-add"
                data-testid="policy-category-add"
              >
                {t('policy.cat.add')}
              </Button>
            </>
          )}
        </Form.List>
        <PublishFooter today={today} pending={publish.isPending} />
      </Form>
      <KindVersionHistory
        kind="matter_categories"
        items={items}
        loading={versions.isPending}
        summary={summary}
      />
    </div>
  );
}
