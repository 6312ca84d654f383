// A lazily loaded org picker (town → village, …) over /api/orgs/children, limited to the user's scope.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useState, type CSSProperties } from 'react';
import { orgsApi } from '../api/endpoints';
import type { Org as OrgNode } from '@xinhuo/shared';

const childrenKey = (parentId: string | null) => ['orgs', 'children', parentId ?? 'roots'] as const;

interface OrgTreeSelectProps {
  value?: string | null;
  onChange?: (value: string | undefined, org: OrgNode | undefined) => void;
  /** Which orgs may be picked (the others only open). Default: all. */
  selectable?: (org: OrgNode) => boolean;
  placeholder?: string;
  /** The accessible name where no form label names the field (a filter bar). */
  ariaLabel?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  testId?: string;
  status?: 'error' | 'warning' | '';
}

interface SimpleNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

export function OrgTreeSelect({
  value,
  onChange,
  selectable,
  placeholder,
  ariaLabel,
  allowClear = true,
  style,
  id,
  testId,
  status,
}: OrgTreeSelectProps) {
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState<Record<string, OrgNode[]>>({});
  const roots = useQuery({
    queryKey: childrenKey(null),
    queryFn: ({ signal }) => orgsApi.children(undefined, signal),
  });
  const onlyRoot = roots.data?.items.length === 1 ? roots.data.items[0] : undefined;
  const rootChildren = useQuery({
    queryKey: childrenKey(onlyRoot?.id ?? null),
    queryFn: ({ signal }) => orgsApi.children(onlyRoot!.id, signal),
    enabled: Boolean(onlyRoot && onlyRoot.childCount > 0),
  });

  const all: OrgNode[] = [...(roots.data?.items ?? [])];
  if (onlyRoot && rootChildren.data) all.push(...rootChildren.data.items);
  for (const list of Object.values(loaded)) all.push(...list);
  const byId = new Map(all.map((o) => [o.id, o]));
  const nodes: SimpleNode[] = [...byId.values()].map((org) => ({
    id: org.id,
    pId: org.parentId && byId.has(org.parentId) ? org.parentId : null,
    value: org.id,
    title: org.name,
    isLeaf: org.childCount === 0,
    selectable: selectable ? selectable(org) : true,
  }));

  const loadData = async (node: { id?: string; value?: unknown }) => {
    const parentId = String(node.value ?? node.id ?? '');
    if (!parentId || loaded[parentId] || (onlyRoot?.id === parentId && rootChildren.data)) return;
    const answer = await queryClient.fetchQuery({
      queryKey: childrenKey(parentId),
      queryFn: ({ signal }) => orgsApi.children(parentId, signal),
    });
    setLoaded((prev) => ({ ...prev, [parentId]: answer.items }));
  };

  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      status={status}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next, next ? byId.get(next) : undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      loading={roots.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      aria-label={ariaLabel}
      style={style}
      treeDefaultExpandedKeys={onlyRoot ? [onlyRoot.id] : []}
      popupMatchSelectWidth={false}
    />
  );
}
