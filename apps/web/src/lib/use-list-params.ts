// State that stays: a list's filters, sort, page and page size live in its URL (so 返回 and the browser's
// back button come back to them), and the last query of each list is remembered per user — in memory for
// this tab and on the server (user preference) for the next visit. Opening the list bare (the menu entry,
// a 返回 link to `/matters`) restores the remembered query; the list's 重置 clears it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { ListPrefKey } from '@xinhuo/shared';
import { workspaceApi } from '../api/workspace-endpoints';
import { useMe } from '../auth/me-context';

const remembered = new Map<string, string>();
const pendingSaves = new Map<string, ReturnType<typeof setTimeout>>();
const SAVE_AFTER_MS = 800;

/** Save a list's query on the server a moment after the last change (still saved after leaving the page). */
function saveSoon(memoryKey: string, list: ListPrefKey, query: string) {
  clearTimeout(pendingSaves.get(memoryKey));
  pendingSaves.set(
    memoryKey,
    setTimeout(() => {
      pendingSaves.delete(memoryKey);
      void workspaceApi.saveListPref(list, query).catch(() => {});
    }, SAVE_AFTER_MS),
  );
}

/** `useSearchParams()` for a list page, with its last query remembered and restored (see above). */
export function useListParams(list: ListPrefKey) {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const memoryKey = `${me.id}:${list}`;
  const known = remembered.get(memoryKey);
  // Opened bare with something to restore: read the server's copy unless this tab already knows it.
  const [bare] = useState(() => search === '' && known !== '');
  const restored = useRef(!bare);
  const pref = useQuery({
    queryKey: ['list-pref', me.id, list],
    queryFn: ({ signal }) => workspaceApi.listPref(list, signal),
    enabled: bare && known === undefined,
    staleTime: Infinity,
  });

  // Before paint, so the bare list is never shown (nor clicked) before the remembered one replaces it.
  const restoring = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (restored.current) return;
    const query = known ?? (pref.isSuccess ? (pref.data.query ?? '') : pref.isError ? '' : undefined);
    if (query === undefined) return;
    restored.current = true;
    const next = new URLSearchParams(query);
    remembered.set(memoryKey, next.toString());
    if (query) {
      restoring.current = next.toString();
      setParams(next, { replace: true });
    }
  }, [known, pref.isSuccess, pref.isError, pref.data, setParams, memoryKey]);

  useEffect(() => {
    // While the restored query is on its way into the URL, the bare one is not what the user chose.
    if (restoring.current !== null) {
      if (search !== restoring.current) return;
      restoring.current = null;
    }
    if (!restored.current || remembered.get(memoryKey) === search) return;
    remembered.set(memoryKey, search);
    saveSoon(memoryKey, list, search);
  }, [search, list, memoryKey]);

  return [params, setParams] as const;
}
