import { createContext, useContext } from 'react';
import type { Me } from '@xinhuo/shared';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside RequireAuth. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside RequireAuth');
  return me;
}

export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}

export const ME_QUERY_KEY = ['auth', 'me'] as const;
