// One write on a village's part of a campaign: run it, reload the part (and the campaign's counts), and keep
// the server's refusal — in the user's language — for the page to show.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client';

export interface OrgAction {
  /** Runs a write; unless `quiet`, a refusal is kept in `error` (and still thrown to the caller). */
  run: <T>(write: () => Promise<T>, opts?: { quiet?: boolean }) => Promise<T>;
  pending: boolean;
  error: string | null;
  clearError: () => void;
}

export function useOrgAction(campaignId: string): OrgAction {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    pending,
    error,
    clearError: () => setError(null),
    run: async (write, opts) => {
      setPending(true);
      setError(null);
      try {
        return await write();
      } catch (e) {
        if (!opts?.quiet) setError(isApiError(e) ? e.message : String(e));
        throw e;
      } finally {
        setPending(false);
        await queryClient.invalidateQueries({ queryKey: ['elections', campaignId] });
      }
    },
  };
}
