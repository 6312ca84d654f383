// The matter catalog (categories, priority tiers, units the caller may assign to), loaded once per session.
import { useQuery } from '@tanstack/react-query';
import { mattersApi } from '../../api/endpoints';

export function useMatterCatalog() {
  return useQuery({
    queryKey: ['matters', 'catalog'],
    queryFn: ({ signal }) => mattersApi.catalog(signal),
    staleTime: 10 * 60_000,
  });
}
