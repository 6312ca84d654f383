// 列设置: one table's column settings — which columns are shown and the density (默认 / 紧凑) — remembered
// per user on the server (`/api/me/table-prefs/:key`). `useColumnSettings` also makes the table fit a
// desk screen: the first shown column is fixed on the left, every cell ends in an ellipsis with its full
// text on hover, and the table scrolls sideways only when the shown columns need more than the page has.
// Phones keep their card lists (ResponsiveTable), so the control is not offered there.
import { SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Popover, Segmented, Space, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { useId, type ReactNode } from 'react';
import type { TableDensity, TablePref, TablePrefBody, TablePrefKey } from '@xinhuo/shared';
import { workspaceApi } from '../api/workspace-endpoints';
import { useMe } from '../auth/me-context';
import { useT } from '../i18n/use-t';
import { useIsPhone } from '../lib/use-is-phone';

/** The width a column without its own width is given when the table's scroll width is summed. */
const FLEX_MIN_WIDTH = 220;

export interface ColumnSettingsOptions {
  /** Columns that cannot be hidden (the record's name, the ranking's score). */
  locked?: readonly string[];
  /** Columns hidden until the user shows them (what does not fit a 1366 px screen). */
  defaultHidden?: readonly string[];
}

export interface ColumnSettingsResult<T> {
  columns: ColumnsType<T>;
  size: 'middle' | 'small';
  scroll: { x: number };
  /** The 列设置 button (null on a phone). */
  control: ReactNode;
}

function titleText(column: ColumnType<unknown>, fallback: string): ReactNode {
  return typeof column.title === 'function' ? fallback : (column.title ?? fallback);
}

export function useColumnSettings<T>(
  table: TablePrefKey,
  all: ColumnsType<T>,
  { locked = [], defaultHidden = [] }: ColumnSettingsOptions = {},
): ColumnSettingsResult<T> {
  const t = useT();
  const me = useMe();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const queryKey = ['table-pref', me.id, table];
  const stored = useQuery({
    queryKey,
    queryFn: ({ signal }) => workspaceApi.tablePref(table, signal),
    staleTime: Infinity,
    enabled: !isPhone,
  });
  const save = useMutation({
    mutationFn: (pref: TablePrefBody) => workspaceApi.saveTablePref(table, pref),
    onMutate: (pref) => queryClient.setQueryData<TablePref>(queryKey, { pref }),
  });
  const pref: TablePrefBody = stored.data?.pref ?? { hidden: [...defaultHidden], density: 'default' };
  const hidden = new Set(pref.hidden.filter((key) => !locked.includes(key)));
  const keyOf = (column: ColumnType<T>) => String(column.key ?? column.dataIndex ?? '');

  const columns = (all as ColumnType<T>[])
    .filter((column) => !hidden.has(keyOf(column)))
    .map((column, index) => ({
      ...column,
      ellipsis: column.ellipsis ?? true,
      fixed: index === 0 ? ('left' as const) : column.fixed,
    }));
  const scrollX = columns.reduce(
    (sum, column) => sum + (typeof column.width === 'number' ? column.width : FLEX_MIN_WIDTH),
    0,
  );

  const write = (next: Partial<TablePrefBody>) =>
    save.mutate({ hidden: [...hidden], density: pref.density, ...next });
  const labelId = useId();
  const panel = (
    <Space orientation="vertical" size={8} data-testid={`column-settings-panel-${table}`}>
      <Typography.Text strong id={labelId}>
        {t('columns.shown')}
      </Typography.Text>
      <Space orientation="vertical" size={4} role="group" aria-labelledby={labelId}>
        {(all as ColumnType<T>[]).map((column) => {
          const key = keyOf(column);
          const isLocked = locked.includes(key);
          return (
            <Checkbox
              key={key}
              checked={!hidden.has(key)}
              disabled={isLocked}
              data-testid={`column-toggle-${key}`}
              onChange={(e) => {
                const next = new Set(hidden);
                if (e.target.checked) next.delete(key);
                else next.add(key);
                write({ hidden: [...next] });
              }}
            >
              {titleText(column as ColumnType<unknown>, key)}
            </Checkbox>
          );
        })}
      </Space>
      <Typography.Text strong>{t('columns.density')}</Typography.Text>
      <Segmented<TableDensity>
        value={pref.density}
        onChange={(density) => write({ density })}
        options={[
          { value: 'default', label: t('columns.densityDefault') },
          { value: 'compact', label: t('columns.densityCompact') },
        ]}
        data-testid="column-density"
      />
      <Button
        type="link"
        size="small"
        className="xh-column-settings-reset"
        onClick={() => save.mutate({ hidden: [...defaultHidden], density: 'default' })}
        data-testid="column-settings-reset"
      >
        {t('columns.reset')}
      </Button>
    </Space>
  );
  const control = isPhone ? null : (
    <Popover content={panel} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid={`column-settings-${table}`}>
        {t('columns.settings')}
      </Button>
    </Popover>
  );
  return { columns, size: pref.density === 'compact' ? 'small' : 'middle', scroll: { x: scrollX }, control };
}
