// The permission guard of the route table (part of the first load, so it imports nothing heavy).
import type { ReactNode } from 'react';
import { LazyResult } from '../components/LazyResult';
import { useT } from '../i18n/use-t';
import { MeContext, hasPermission } from './me-context';

/** Shows a 403 result instead of `children` when the user lacks `permission` (or every one of a list). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: string | readonly string[];
  children: ReactNode;
}) {
  const t = useT();
  return (
    <MeContext.Consumer>
      {(me) =>
        me && [permission].flat().some((p) => hasPermission(me, p)) ? (
          children
        ) : (
          <LazyResult status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />
        )
      }
    </MeContext.Consumer>
  );
}
