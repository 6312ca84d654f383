import { Button } from 'antd';
import { LazyResult } from './LazyResult';
import { Link } from 'react-router';
import { useT } from '../i18n/use-t';

/** The one answer for "missing" and "not yours" alike (the API does not tell them apart either). */
export function NotFoundResult({ title, subTitle }: { title?: string; subTitle?: string }) {
  const t = useT();
  return (
    <div data-testid="not-found">
      <LazyResult
        status="404"
        title={title ?? t('notFound.title')}
        subTitle={subTitle}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}
