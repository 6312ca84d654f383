import { useQuery } from '@tanstack/react-query';
import { Breadcrumb } from 'antd';
import { Link } from 'react-router';
import { orgsApi } from '../api/endpoints';
import { useMe } from '../auth/me-context';
import { ancestorsInScope } from '../lib/scope';

/** The org detail (with ancestors and history), cached per id. */
export function useOrgDetail(orgId: string | undefined) {
  return useQuery({
    queryKey: ['orgs', 'detail', orgId],
    queryFn: ({ signal }) => orgsApi.get(orgId!, signal),
    enabled: Boolean(orgId),
  });
}

interface OrgBreadcrumbProps {
  orgId: string;
  /** Shown until the org detail has loaded. */
  orgName?: string;
  /** Where a click on an ancestor goes. */
  hrefFor: (orgId: string) => string;
}

/** Ancestors of an org (within the user's scope) as links, the org itself last. */
export function OrgBreadcrumb({ orgId, orgName, hrefFor }: OrgBreadcrumbProps) {
  const me = useMe();
  const detail = useOrgDetail(orgId);
  const ancestors = detail.data ? ancestorsInScope(orgId, detail.data.ancestors, me.scopeOrgs) : [];
  return (
    <Breadcrumb
      data-testid="org-breadcrumb"
      items={[
        ...ancestors.map((a) => ({ key: a.id, title: <Link to={hrefFor(a.id)}>{a.name}</Link> })),
        { key: orgId, title: <span>{detail.data?.name ?? orgName ?? ''}</span> },
      ]}
    />
  );
}
