// The structure report to print: A4 landscape, one block per town and the total, every indicator with
// both terms and the change (the same list as the workbook).
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin } from 'antd';
import { STRUCTURE_INDICATORS, type StructureGroup } from '@xinhuo/shared';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { structureReportApi } from '../../api/structure-report-endpoints';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import { formatChange, formatIndicator, indicatorLabel } from './structure-format';
import './structure-report.css';

function GroupBlock({ group, title }: { group: StructureGroup; title: string }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <div className="xh-sr-print-block">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th />
            <th>{t('structure.previous')}</th>
            <th>{t('structure.current')}</th>
            <th>{t('structure.change')}</th>
          </tr>
        </thead>
        <tbody>
          {STRUCTURE_INDICATORS.map((ind) => {
            const onlyNew = ind.key === 'reelected' || ind.key === 'newcomers';
            const prev = onlyNew ? null : ind.value(group.previous);
            const cur = ind.value(group.current);
            return (
              <tr key={ind.key}>
                <td>{indicatorLabel(ind, lang)}</td>
                <td className="num">{onlyNew ? '' : formatIndicator(ind, prev, lang)}</td>
                <td className="num">{formatIndicator(ind, cur, lang)}</td>
                <td className="num">{onlyNew ? '' : formatChange(ind, prev, cur, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function StructureReportPrintPage() {
  const t = useT();
  const [params] = useSearchParams();
  const electionId = params.get('electionId') ?? '';
  const snapshotId = params.get('snapshotId');
  const q = useQuery({
    queryKey: ['structure-print', electionId, snapshotId],
    queryFn: async ({ signal }) =>
      snapshotId
        ? await structureReportApi.snapshot(electionId, snapshotId, signal)
        : {
            report: await structureReportApi.report(electionId, signal),
            createdAt: new Date().toISOString(),
          },
    enabled: !!electionId,
  });
  useEffect(() => {
    document.body.classList.add('xh-print-structure');
    return () => document.body.classList.remove('xh-print-structure');
  }, []);

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const { report, createdAt } = q.data;
  const back = `/elections/structure-report?${params.toString()}`;
  return (
    <div>
      <Space className="xh-sr-print-toolbar" style={{ marginBottom: 12 }}>
        <Link to={back}>
          <Button>{t('structure.print.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('structure.print')}
        </Button>
      </Space>
      <div className="xh-sr-print" data-testid="structure-print-page">
        <h1>
          {report.election.name} · {t('structure.title')}
        </h1>
        <div className="xh-sr-print-meta">
          {t('structure.print.electionDate', { date: report.election.electionDate })} ·{' '}
          {snapshotId
            ? t('structure.snapshotOf', { time: formatTimestamp(createdAt) })
            : t('structure.print.generated', { time: formatTimestamp(createdAt) })}
        </div>
        <div className="xh-sr-print-grid">
          <GroupBlock group={report.total} title={t('structure.total', { name: report.total.orgName })} />
          {report.groups.map((g) => (
            <GroupBlock key={g.orgId} group={g} title={g.orgName} />
          ))}
        </div>
        <div className="xh-sr-print-note">{t('structure.print.note')}</div>
      </div>
    </div>
  );
}
