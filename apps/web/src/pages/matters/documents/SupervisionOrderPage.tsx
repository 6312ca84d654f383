// 督办单: the numbered supervision order issued to a unit whose matter is overdue, typeset for printing.
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useParams } from 'react-router';
import { mattersApi } from '../../../api/endpoints';
import { QueryError } from '../../../components/QueryError';
import { useLanguage, useT } from '../../../i18n/use-t';
import { documentDate } from '@xinhuo/shared';
import { OfficialDocument } from './OfficialDocument';

export default function SupervisionOrderPage() {
  const t = useT();
  const lang = useLanguage();
  const docDate = (iso: string) => documentDate(iso, lang);
  const { id = '' } = useParams();
  const order = useQuery({
    queryKey: ['matters', 'supervision-order', id],
    queryFn: ({ signal }) => mattersApi.supervisionOrder(id, signal),
  });
  // The order does not name its issuer: it is whoever issued the matter's 交办单.
  const matterId = order.data?.matter.id;
  const assign = useQuery({
    queryKey: ['matters', 'assign-order', matterId, lang],
    queryFn: ({ signal }) => mattersApi.assignOrder(matterId!, signal),
    enabled: Boolean(matterId && order.data?.matter.dispatchNo),
  });
  if (order.isError) {
    return (
      <QueryError
        error={order.error}
        onRetry={() => void order.refetch()}
        notFoundTitle={t('doc.notFound')}
      />
    );
  }
  if (!order.data || (assign.isPending && assign.fetchStatus !== 'idle')) {
    return <Spin size="large" className="xh-page-spin" />;
  }
  const o = order.data;
  const issuer = assign.data?.issuer ?? '';

  return (
    <OfficialDocument
      masthead={t('doc.masthead', { issuer })}
      docNo={o.docNo}
      title={t('doc.superviseTitle')}
      recipient={o.unitName}
      issuer={issuer}
      issuedOn={o.issuedOn}
      backTo={`/matters/${encodeURIComponent(o.matter.id)}`}
      pdfHref={mattersApi.supervisionOrderPdfUrl(id, lang)}
      testId="supervision-order"
    >
      <p>
        {t('doc.superviseBody', {
          dispatchNo: o.matter.dispatchNo ?? '',
          raiser: o.matter.raiserName,
          raisedOn: docDate(o.matter.raisedOn),
          title: o.matter.title,
          code: o.matter.code,
          dueDate: docDate(o.dueDate),
          issuedOn: docDate(o.issuedOn),
          days: o.overdueWorkdays,
        })}
      </p>
      <p>{t('doc.superviseDemand')}</p>
      <p>{t('doc.superviseWarning')}</p>
    </OfficialDocument>
  );
}
