import { Navigate } from 'react-router';
import { useMe } from '../../auth/me-context';
import { NotFoundResult } from '../../components/NotFoundResult';
import { useT } from '../../i18n/use-t';
import { useCurrentOrg } from '../../layout/current-org';

/** "/orgs" opens the current org (or the user's first scope root). */
export default function OrgsIndexPage() {
  const t = useT();
  const me = useMe();
  const { currentOrg } = useCurrentOrg();
  const id = currentOrg?.id ?? me.scopeOrgs[0]?.id;
  if (!id) return <NotFoundResult title={t('orgTree.empty')} />;
  return <Navigate to={`/orgs/${encodeURIComponent(id)}`} replace />;
}
