// The printable 任前公示 of a candidate, with the end date counted on the working-day calendar.
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { pipelineApi } from '../../api/pipeline-endpoints';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { tierName } from './labels';
import './pipeline.css';

export default function NoticePrintPage() {
  const { id = '' } = useParams();
  const t = useT();
  const lang = useLanguage();
  const q = useQuery({
    queryKey: ['pipeline', 'notice', id],
    queryFn: ({ signal }) => pipelineApi.notice(id, signal),
  });
  useEffect(() => {
    document.body.classList.add('xh-print-notice');
    return () => document.body.classList.remove('xh-print-notice');
  }, []);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const n = q.data;
  return (
    <div>
      <Space className="xh-pl-notice-toolbar xh-section">
        <Link to={`/pipeline/candidates/${encodeURIComponent(id)}`}>
          <Button>{t('pipeline.notice.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('pipeline.notice.print')}
        </Button>
      </Space>
      <div className="xh-pl-notice" data-testid="notice-sheet">
        <h1>{t('pipeline.notice.heading')}</h1>
        <p>
          {t('pipeline.notice.body', { tier: tierName(n, lang), start: n.start, end: n.end, n: n.workdays })}
        </p>
        <table>
          <thead>
            <tr>
              <th>{t('pipeline.col.name')}</th>
              <th>{t('pipeline.col.birth')}</th>
              <th>{t('pipeline.col.org')}</th>
              <th>{t('pipeline.col.tier')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{n.personName}</td>
              <td>{n.birthDate.slice(0, 7)}</td>
              <td>{n.orgName}</td>
              <td>{tierName(n, lang)}</td>
            </tr>
          </tbody>
        </table>
        <p data-testid="notice-end">
          {t('pipeline.notice.period', { start: n.start, end: n.end, n: n.workdays })}
        </p>
      </div>
    </div>
  );
}
