import { Button } from 'antd';
import { LazyResult } from './LazyResult';
import { isApiError } from '../api/client';
import { useT } from '../i18n/use-t';
import { NotFoundResult } from './NotFoundResult';

/** Shows a failed query: 404 as the not-found page, anything else with a retry button. */
export function QueryError({
  error,
  onRetry,
  notFoundTitle,
}: {
  error: unknown;
  onRetry: () => void;
  notFoundTitle?: string;
}) {
  const t = useT();
  if (isApiError(error) && error.status === 404) return <NotFoundResult title={notFoundTitle} />;
  if (isApiError(error) && error.status === 403) {
    return <LazyResult status="403" title={t('forbidden.title')} subTitle={error.message} />;
  }
  const message =
    isApiError(error) && error.code === 'NETWORK_ERROR'
      ? t('error.network')
      : error instanceof Error
        ? error.message
        : '';
  return (
    <LazyResult
      status="error"
      title={t('common.loadFailed')}
      subTitle={message}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
