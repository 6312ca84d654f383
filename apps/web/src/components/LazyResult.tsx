// antd's Result carries large illustrations (403, 404, 500): the pages that show one only rarely (an
// error, a missing permission) load it when they do, so it stays out of the first load.
import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

const Result = lazy(() => import('antd/es/result'));

export function LazyResult(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <Result {...props} />
    </Suspense>
  );
}
