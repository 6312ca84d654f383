import { POSITION_ROLES } from '@xinhuo/shared';
import { DatePicker, Form, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RosterFilters as Filters } from '../../api/endpoints';
import { FilterBar } from '../../components/FilterBar';
import { useLanguage, useT } from '../../i18n/use-t';
import { codeOptions, codeTables, labels } from '../../lib/labels';

interface FormValues {
  q?: string;
  role?: string;
  committee?: string;
  college?: string;
  ageMin?: number | null;
  ageMax?: number | null;
  gender?: string;
  politicalStatus?: string;
  refDate?: Dayjs | null;
}

/** Fields applied as soon as they change; the name and age boxes apply on Enter or the search button. */
const APPLY_ON_CHANGE: readonly (keyof FormValues)[] = [
  'role',
  'committee',
  'college',
  'gender',
  'politicalStatus',
  'refDate',
];

function toFormValues(filters: Partial<Filters>): FormValues {
  return {
    q: filters.q,
    role: filters.role,
    committee: filters.committee,
    college: filters.college,
    ageMin: filters.ageMin ?? null,
    ageMax: filters.ageMax ?? null,
    gender: filters.gender,
    politicalStatus: filters.politicalStatus,
    refDate: filters.refDate ? dayjs(filters.refDate) : null,
  };
}

function fromFormValues(values: FormValues): Omit<Filters, 'orgId'> {
  return {
    q: values.q?.trim() || undefined,
    role: values.role || undefined,
    committee: values.committee || undefined,
    college: values.college || undefined,
    ageMin: values.ageMin ?? undefined,
    ageMax: values.ageMax ?? undefined,
    gender: values.gender || undefined,
    politicalStatus: values.politicalStatus || undefined,
    refDate: values.refDate ? values.refDate.format('YYYY-MM-DD') : undefined,
  };
}

interface RosterFiltersProps {
  filters: Filters;
  onApply: (filters: Omit<Filters, 'orgId'>) => void;
}

export function RosterFilters({ filters, onApply }: RosterFiltersProps) {
  const t = useT();
  const lang = useLanguage();
  const [form] = Form.useForm<FormValues>();

  const submit = () => form.submit();
  const ageRule = { type: 'integer' as const, min: 16, max: 100, message: t('roster.ageInvalid') };

  return (
    <FilterBar
      form={form}
      filters={filters}
      toFormValues={toFormValues}
      onApply={(values) => onApply(fromFormValues(values))}
      applyOnChange={APPLY_ON_CHANGE}
      search={{ placeholder: t('roster.searchPlaceholder'), width: 240, testId: 'roster-search' }}
    >
      <Form.Item name="role">
        <Select
          allowClear
          placeholder={t('roster.role')}
          aria-label={t('roster.role')}
          style={{ width: 170 }}
          options={POSITION_ROLES.map((role) => ({ value: role, label: labels.positionRole(role, lang) }))}
        />
      </Form.Item>
      <Form.Item name="committee">
        <Select
          allowClear
          placeholder={t('roster.committee')}
          aria-label={t('roster.committee')}
          style={{ width: 150 }}
          options={(['any', 'party', 'villagers'] as const).map((c) => ({
            value: c,
            label: t(`roster.committee.${c}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="college">
        <Select
          allowClear
          placeholder={t('roster.college')}
          aria-label={t('roster.college')}
          style={{ width: 130 }}
          options={[
            { value: 'yes', label: t('roster.college.yes') },
            { value: 'no', label: t('roster.college.no') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('roster.ageRange')} className="xh-age-range">
        <Space.Compact>
          <Form.Item name="ageMin" noStyle rules={[ageRule]}>
            <InputNumber
              placeholder={t('roster.ageMin')}
              aria-label={t('roster.ageMin')}
              style={{ width: 90 }}
              precision={0}
              onPressEnter={submit}
            />
          </Form.Item>
          <Form.Item
            name="ageMax"
            noStyle
            dependencies={['ageMin']}
            rules={[
              ageRule,
              ({ getFieldValue }) => ({
                validator: (_rule, value: number | null | undefined) => {
                  const min = getFieldValue('ageMin') as number | null | undefined;
                  return value == null || min == null || value >= min
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('roster.ageOrder')));
                },
              }),
            ]}
          >
            <InputNumber
              placeholder={t('roster.ageMax')}
              aria-label={t('roster.ageMax')}
              style={{ width: 90 }}
              precision={0}
              onPressEnter={submit}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="gender">
        <Select
          allowClear
          placeholder={t('roster.gender')}
          aria-label={t('roster.gender')}
          style={{ width: 100 }}
          options={codeOptions(codeTables.GENDERS, lang)}
        />
      </Form.Item>
      <Form.Item name="politicalStatus">
        <Select
          allowClear
          placeholder={t('roster.politicalStatus')}
          aria-label={t('roster.politicalStatus')}
          style={{ width: 150 }}
          options={codeOptions(codeTables.POLITICAL_STATUSES, lang)}
        />
      </Form.Item>
      <Form.Item name="refDate">
        <DatePicker
          placeholder={t('roster.refDate')}
          aria-label={t('roster.refDate')}
          format="YYYY-MM-DD"
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
    </FilterBar>
  );
}
