// The "current org" picked in the tree: the default scope of the dashboard and the roster.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface CurrentOrg {
  id: string;
  name: string;
}

interface CurrentOrgState {
  currentOrg: CurrentOrg | null;
  setCurrentOrg: (org: CurrentOrg) => void;
}

const CurrentOrgContext = createContext<CurrentOrgState | null>(null);

export function CurrentOrgProvider({
  initial,
  children,
}: {
  initial: CurrentOrg | null;
  children: ReactNode;
}) {
  const [currentOrg, setCurrentOrgState] = useState<CurrentOrg | null>(initial);
  const setCurrentOrg = useCallback(
    (org: CurrentOrg) =>
      setCurrentOrgState((prev) => (prev && prev.id === org.id && prev.name === org.name ? prev : org)),
    [],
  );
  const value = useMemo<CurrentOrgState>(() => ({ currentOrg, setCurrentOrg }), [currentOrg, setCurrentOrg]);
  return <CurrentOrgContext.Provider value={value}>{children}</CurrentOrgContext.Provider>;
}

export function useCurrentOrg(): CurrentOrgState {
  const state = useContext(CurrentOrgContext);
  if (!state) throw new Error('useCurrentOrg() used outside CurrentOrgProvider');
  return state;
}
