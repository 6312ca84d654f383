// The trainee's own page: only their own record (the server answers nothing else to this role).
import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Typography } from 'antd';
import { isApiError } from '../../api/client';
import { pipelineApi } from '../../api/pipeline-endpoints';
import { QueryError } from '../../components/QueryError';
import { useT } from '../../i18n/use-t';
import { CandidateView } from './CandidateView';
import './pipeline.css';

export default function MyPipelinePage() {
  const t = useT();
  const q = useQuery({
    queryKey: ['pipeline', 'me'],
    queryFn: ({ signal }) => pipelineApi.mine(signal),
    retry: false,
  });
  if (q.error && isApiError(q.error) && q.error.status === 404)
    return <Empty description={t('pipeline.mine.none')} />;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  return (
    <div data-testid="my-pipeline">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('nav.myPipeline')}</Typography.Title>
      </div>
      <CandidateView c={q.data} />
    </div>
  );
}
