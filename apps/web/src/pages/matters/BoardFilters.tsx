// Filters of the matter board: selects apply at once, the text box on Enter or the search button.
import { MATTER_STATES } from '@xinhuo/shared';
import { Checkbox, Form, Select } from 'antd';
import type { MatterFilters } from '../../api/endpoints';
import { useMe } from '../../auth/me-context';
import { FilterBar } from '../../components/FilterBar';
import { useLanguage, useT } from '../../i18n/use-t';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { matterLabel } from '../../features/matters/matter-labels';
import { useMatterCatalog } from '../../features/matters/use-catalog';

interface FormValues {
  q?: string;
  state?: string[];
  category?: string;
  priority?: string;
  orgId?: string;
  unitId?: string;
  overdue?: boolean;
  escalation?: number;
}

/** The supervision steps a matter reaches, by level (1 催办, 2 督办, 3 通报). */
const ESCALATION_STEPS = ['urge', 'supervise', 'circulate'] as const;

const APPLY_ON_CHANGE: readonly (keyof FormValues)[] = [
  'state',
  'category',
  'priority',
  'orgId',
  'unitId',
  'overdue',
  'escalation',
];

function toFormValues(f: Partial<MatterFilters>): FormValues {
  return {
    q: f.q,
    state: f.state ? f.state.split(',') : [],
    category: f.category,
    priority: f.priority,
    orgId: f.orgId,
    unitId: f.unitId,
    overdue: f.overdue === 'true',
    escalation: f.escalation ? Number(f.escalation) : undefined,
  };
}

function fromFormValues(v: FormValues): MatterFilters {
  return {
    q: v.q?.trim() || undefined,
    state: v.state && v.state.length > 0 ? v.state.join(',') : undefined,
    category: v.category || undefined,
    priority: v.priority || undefined,
    orgId: v.orgId || undefined,
    unitId: v.unitId || undefined,
    overdue: v.overdue ? 'true' : undefined,
    escalation: v.escalation || undefined,
  };
}

export function BoardFilters({
  filters,
  onApply,
}: {
  filters: MatterFilters;
  onApply: (filters: MatterFilters) => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const catalog = useMatterCatalog();
  const [form] = Form.useForm<FormValues>();

  // A handling unit's own tree holds no villages: the place filter would only ever empty the list.
  const unitOnly = me.scopeOrgs.every((o) => o.kind === 'department' || o.kind === 'organ');
  const units = catalog.data?.units ?? [];
  const pick = (zh: string, en: string) => (lang === 'en' ? en : zh);

  return (
    <FilterBar
      form={form}
      filters={filters}
      toFormValues={toFormValues}
      onApply={(values) => onApply(fromFormValues(values))}
      applyOnChange={APPLY_ON_CHANGE}
      search={{ placeholder: t('board.searchPlaceholder'), width: 220, testId: 'board-search' }}
    >
      <Form.Item name="state">
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('board.state')}
          aria-label={t('board.state')}
          style={{ width: 220 }}
          data-testid="board-state"
          options={MATTER_STATES.map((s) => ({ value: s, label: matterLabel('state', s, lang) }))}
        />
      </Form.Item>
      <Form.Item name="category">
        <Select
          allowClear
          placeholder={t('board.category')}
          aria-label={t('board.category')}
          style={{ width: 150 }}
          options={(catalog.data?.categories ?? []).map((c) => ({
            value: c.code,
            label: pick(c.nameZh, c.nameEn),
          }))}
        />
      </Form.Item>
      <Form.Item name="escalation">
        <Select
          allowClear
          placeholder={t('board.escalation')}
          aria-label={t('board.escalation')}
          style={{ width: 120 }}
          data-testid="board-escalation"
          options={ESCALATION_STEPS.map((step, i) => ({
            value: i + 1,
            label: matterLabel('supervision', step, lang),
          }))}
        />
      </Form.Item>
      <Form.Item name="priority">
        <Select
          allowClear
          placeholder={t('board.priority')}
          aria-label={t('board.priority')}
          style={{ width: 110 }}
          options={(catalog.data?.priorities ?? []).map((p) => ({
            value: p.code,
            label: pick(p.nameZh, p.nameEn),
          }))}
        />
      </Form.Item>
      {!unitOnly && (
        <Form.Item name="orgId">
          <OrgTreeSelect
            placeholder={t('board.org')}
            ariaLabel={t('board.org')}
            style={{ width: 180 }}
            testId="board-org"
          />
        </Form.Item>
      )}
      {units.length > 0 && (
        <Form.Item name="unitId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('board.unit')}
            aria-label={t('board.unit')}
            style={{ width: 170 }}
            data-testid="board-unit"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      )}
      <Form.Item name="overdue" valuePropName="checked">
        <Checkbox data-testid="board-overdue">{t('board.overdueOnly')}</Checkbox>
      </Form.Item>
    </FilterBar>
  );
}
