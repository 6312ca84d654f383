// A table on a desk, a list of cards on a phone. The cards render the table's own columns (their titles and
// render functions), so a page names only which columns are its key fields; paging goes through the
// table's onChange as a page turn, so the page's URL state works the same on both.
import { Card, List, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { isValidElement, type Key, type ReactNode } from 'react';
import { useIsPhone } from '../lib/use-is-phone';
import './responsive-table.css';

export interface ResponsiveTableProps<T> extends TableProps<T> {
  /** Column keys shown on a phone's card, in order; the first is the card's title. */
  cardFields: readonly string[];
  'data-testid'?: string;
}

function valueAt(row: object, dataIndex: ColumnType<object>['dataIndex']): unknown {
  if (dataIndex === undefined) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  let value: unknown = row;
  for (const step of path as readonly (string | number)[]) {
    value = value == null ? undefined : (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/** One cell as the table would show it (a render's `{ children }` form included). */
function cellOf<T extends object>(column: ColumnType<T>, row: T, index: number): ReactNode {
  const raw = valueAt(row, column.dataIndex as ColumnType<object>['dataIndex']);
  if (!column.render) return raw == null ? '' : (raw as ReactNode);
  const rendered: unknown = column.render(raw, row, index);
  if (
    rendered !== null &&
    typeof rendered === 'object' &&
    !isValidElement(rendered) &&
    'children' in rendered
  ) {
    return (rendered as { children: ReactNode }).children;
  }
  return rendered as ReactNode;
}

export function ResponsiveTable<T extends object>({ cardFields, ...table }: ResponsiveTableProps<T>) {
  const isPhone = useIsPhone();
  if (!isPhone) return <Table<T> {...table} />;

  const columns = (table.columns ?? []) as ColumnType<T>[];
  const fields = cardFields
    .map((key) => columns.find((column) => column.key === key))
    .filter((column): column is ColumnType<T> => column !== undefined);
  const [titleField, ...bodyFields] = fields;
  const rowKey = (row: T): Key => {
    const key = table.rowKey;
    if (typeof key === 'function') return key(row);
    return valueAt(row, (key ?? 'key') as string) as Key;
  };
  const pagination = table.pagination;

  return (
    <List<T>
      className="xh-card-list"
      data-testid={table['data-testid']}
      loading={Boolean(table.loading)}
      dataSource={table.dataSource ? [...table.dataSource] : []}
      rowKey={rowKey}
      pagination={
        pagination === false || pagination === undefined
          ? false
          : {
              current: pagination.current,
              pageSize: pagination.pageSize,
              total: pagination.total,
              showTotal: pagination.showTotal,
              size: 'small',
              align: 'center',
              onChange: (page, pageSize) => {
                pagination.onChange?.(page, pageSize);
                table.onChange?.({ ...pagination, current: page, pageSize }, {}, [], {
                  action: 'paginate',
                  currentDataSource: [],
                });
              },
            }
      }
      renderItem={(row, index) => {
        const rowClass =
          typeof table.rowClassName === 'function' ? table.rowClassName(row, index, 0) : table.rowClassName;
        return (
          <List.Item className="xh-card-list-item">
            <Card
              size="small"
              className={`xh-row-card ${rowClass ?? ''}`}
              title={titleField ? cellOf(titleField, row, index) : undefined}
              data-testid="row-card"
            >
              <dl className="xh-row-card-fields">
                {bodyFields.map((column) => (
                  <div key={String(column.key)} className="xh-row-card-field">
                    <dt>{typeof column.title === 'function' ? null : column.title}</dt>
                    <dd>{cellOf(column, row, index)}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          </List.Item>
        );
      }}
    />
  );
}
