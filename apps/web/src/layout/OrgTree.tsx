// Lazily loaded organization tree (via /api/orgs/children) that picks the current org.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Spin, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useState, type Key } from 'react';
import { orgsApi } from '../api/endpoints';
import type { Org } from '@xinhuo/shared';
import { useT } from '../i18n/use-t';
import type { CurrentOrg } from './current-org';

const childrenKey = (parentId: string | null) => ['orgs', 'children', parentId ?? 'roots'] as const;

interface OrgTreeProps {
  selectedId: string | null;
  onPick: (org: CurrentOrg) => void;
}

function toTreeNode(org: Org, loaded: Record<string, Org[]>): DataNode {
  const children = loaded[org.id];
  return {
    key: org.id,
    title: (
      <Typography.Text
        type={org.isActive ? undefined : 'secondary'}
        delete={!org.isActive}
        data-testid="org-tree-node"
      >
        {org.name}
      </Typography.Text>
    ),
    isLeaf: org.childCount === 0,
    children: children?.map((child) => toTreeNode(child, loaded)),
  };
}

export function OrgTree({ selectedId, onPick }: OrgTreeProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState<Record<string, Org[]>>({});
  // null until the user expands or collapses something: then the single scope root starts open.
  const [expandedKeys, setExpandedKeys] = useState<Key[] | null>(null);

  const roots = useQuery({
    queryKey: childrenKey(null),
    queryFn: ({ signal }) => orgsApi.children(undefined, signal),
  });

  // A single scope root (a city or a town) opens by itself: its children are what people look for.
  const onlyRoot = roots.data?.items.length === 1 ? roots.data.items[0] : undefined;
  const rootChildren = useQuery({
    queryKey: childrenKey(onlyRoot?.id ?? null),
    queryFn: ({ signal }) => orgsApi.children(onlyRoot!.id, signal),
    enabled: Boolean(onlyRoot && onlyRoot.childCount > 0),
  });

  if (roots.isPending) return <Spin size="small" />;
  if (roots.isError) return <Alert type="error" showIcon title={roots.error.message} />;
  if (roots.data.items.length === 0)
    return <Typography.Text type="secondary">{t('orgTree.empty')}</Typography.Text>;

  const allLoaded =
    onlyRoot && rootChildren.data ? { [onlyRoot.id]: rootChildren.data.items, ...loaded } : loaded;
  const namesById = new Map<string, string>();
  for (const org of roots.data.items) namesById.set(org.id, org.name);
  for (const list of Object.values(allLoaded)) for (const org of list) namesById.set(org.id, org.name);

  const loadChildren = async (parentId: string) => {
    const answer = await queryClient.fetchQuery({
      queryKey: childrenKey(parentId),
      queryFn: ({ signal }) => orgsApi.children(parentId, signal),
    });
    setLoaded((prev) => ({ ...prev, [parentId]: answer.items }));
  };

  return (
    <Tree
      blockNode
      showLine
      data-testid="org-tree"
      treeData={roots.data.items.map((org) => toTreeNode(org, allLoaded))}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expandedKeys ?? (onlyRoot && rootChildren.data ? [onlyRoot.id] : [])}
      onExpand={(keys) => setExpandedKeys(keys)}
      loadData={async (node: EventDataNode<DataNode>) => {
        if (!allLoaded[String(node.key)]) await loadChildren(String(node.key));
      }}
      onSelect={(_keys, info) => {
        const id = String(info.node.key);
        onPick({ id, name: namesById.get(id) ?? id });
      }}
    />
  );
}
