import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { authApi } from '../api/endpoints';
import { isApiError } from '../api/client';
import { LazyResult } from '../components/LazyResult';
import { useT } from '../i18n/use-t';
import { ME_QUERY_KEY, MeContext } from './me-context';

export const TWO_FACTOR_PATH = '/security/two-factor';

/** Loads /api/auth/me; sends anonymous visitors to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const me = useQuery({ queryKey: ME_QUERY_KEY, queryFn: ({ signal }) => authApi.me(signal), retry: false });

  if (me.isPending) {
    return <Spin size="large" fullscreen description={t('common.loading')} />;
  }
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <LazyResult
        status="error"
        title={t('common.loadFailed')}
        subTitle={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (me.data.mustChangePassword && location.pathname !== '/password') {
    return <Navigate to="/password" replace />;
  }
  // The security policy requires a second factor this account has not set up: nothing else until it has.
  if (!me.data.mustChangePassword && me.data.mustEnrollTotp && location.pathname !== TWO_FACTOR_PATH) {
    return <Navigate to={TWO_FACTOR_PATH} replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
