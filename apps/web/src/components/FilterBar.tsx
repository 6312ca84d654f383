// The filter bar of a server-paged list: a form kept in step with the URL's filters, a search box that
// applies on Enter, selects that apply as they change, and 查询 / 重置. Each list supplies its fields.
import { Button, Form, Input, Space, type FormInstance } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';

interface FilterBarProps<F, V extends { q?: string }> {
  form: FormInstance<V>;
  /** The filters as the URL says them now. */
  filters: F;
  toFormValues: (filters: Partial<F>) => V;
  onApply: (values: V) => void;
  /** Fields applied as soon as they change; the others apply on Enter or 查询. */
  applyOnChange: readonly (keyof V)[];
  search: { placeholder: string; width: number; testId: string };
  children: ReactNode;
}

export function FilterBar<F, V extends { q?: string }>({
  form,
  filters,
  toFormValues,
  onApply,
  applyOnChange,
  search,
  children,
}: FilterBarProps<F, V>) {
  const t = useT();
  // Back/forward and shared links change the URL: show what the URL says.
  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    form.setFieldsValue(toFormValues(JSON.parse(filtersKey) as F));
  }, [filtersKey, form, toFormValues]);
  const submit = () => form.submit();

  return (
    <Form<V>
      form={form}
      layout="inline"
      className="xh-filters"
      initialValues={toFormValues(filters)}
      onFinish={onApply}
      onValuesChange={(changed: Partial<V>) => {
        if (Object.keys(changed).some((key) => applyOnChange.includes(key as keyof V))) submit();
      }}
    >
      <Form.Item name="q" rules={[{ max: 50 }]}>
        <Input.Search
          allowClear
          placeholder={search.placeholder}
          aria-label={search.placeholder}
          onSearch={submit}
          style={{ width: search.width }}
          data-testid={search.testId}
        />
      </Form.Item>
      {children}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue(toFormValues({}));
              submit();
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
