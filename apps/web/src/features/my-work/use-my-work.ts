// My work's counts per kind, shared by the menu's badge and the page's filter (asked again every minute).
import { useQuery } from '@tanstack/react-query';
import { myWorkApi } from '../../api/endpoints';

export const MY_WORK_KEY = ['my-work'] as const;

export function useMyWorkCounts() {
  return useQuery({
    queryKey: [...MY_WORK_KEY, 'counts'],
    queryFn: ({ signal }) => myWorkApi.counts(signal),
    refetchInterval: 60_000,
    staleTime: 0,
  });
}
