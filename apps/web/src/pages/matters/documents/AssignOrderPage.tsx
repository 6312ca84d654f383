// 交办单: the numbered assignment order of a matter, typeset for printing.
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useParams } from 'react-router';
import { mattersApi } from '../../../api/endpoints';
import { QueryError } from '../../../components/QueryError';
import { useLanguage, useT } from '../../../i18n/use-t';
import { priorityName } from '../../../features/matters/matter-labels';
import { useMatterCatalog } from '../../../features/matters/use-catalog';
import { documentDate, documentList } from '@xinhuo/shared';
import { OfficialDocument } from './OfficialDocument';

export default function AssignOrderPage() {
  const t = useT();
  const lang = useLanguage();
  const docDate = (iso: string) => documentDate(iso, lang);
  const { id = '' } = useParams();
  const catalog = useMatterCatalog();
  const order = useQuery({
    // Category and source come named in the request's language.
    queryKey: ['matters', 'assign-order', id, lang],
    queryFn: ({ signal }) => mattersApi.assignOrder(id, signal),
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
  if (!order.data) return <Spin size="large" className="xh-page-spin" />;
  const o = order.data;
  const lead = o.units.find((u) => u.role === 'lead');
  const co = o.units.filter((u) => u.role === 'co');
  const coNames = documentList(
    co.map((u) => u.name),
    lang,
  );
  const m = o.matter;

  return (
    <OfficialDocument
      masthead={t('doc.masthead', { issuer: o.issuer })}
      docNo={o.docNo}
      title={t('doc.assignTitle')}
      recipient={lead?.name ?? coNames}
      issuer={o.issuer}
      issuedOn={o.issuedOn}
      copyTo={co.length > 0 ? coNames : undefined}
      backTo={`/matters/${encodeURIComponent(id)}`}
      pdfHref={mattersApi.assignOrderPdfUrl(id, lang)}
      testId="assign-order"
    >
      <p>
        {t('doc.assignBody', {
          source: m.source,
          co: co.length > 0 ? t('doc.assignBodyCo', { units: coNames }) : '',
          signDue: docDate(lead?.signDue ?? o.deadline),
          deadline: docDate(o.deadline),
        })}
      </p>
      <table className="xh-doc-table">
        <colgroup>
          <col style={{ width: '19%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '19%' }} />
          <col style={{ width: '28%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>{t('doc.matterCode')}</th>
            <td>{m.code}</td>
            <th>{t('doc.category')}</th>
            <td>{m.category}</td>
          </tr>
          <tr>
            <th>{t('doc.matterTitle')}</th>
            <td colSpan={3} data-testid="doc-matter-title">
              {m.title}
            </td>
          </tr>
          <tr>
            <th>{t('doc.raiser')}</th>
            <td>
              {t('doc.raiserOf', {
                name: m.raiserName,
                place: t('doc.place', { town: m.townName, village: m.villageName }),
              })}
            </td>
            <th>{t('doc.raisedOn')}</th>
            <td>{docDate(m.raisedOn)}</td>
          </tr>
          <tr>
            <th>{t('doc.source')}</th>
            <td>{m.source}</td>
            <th>{t('doc.priority')}</th>
            <td>{priorityName(catalog.data, m.priority, lang)}</td>
          </tr>
          <tr>
            <th>{t('doc.content')}</th>
            <td colSpan={3} className="xh-doc-cell-text">
              {m.description}
            </td>
          </tr>
          {o.units.map((u, i) => (
            <tr key={`${u.name}-${i}`}>
              {i === 0 && <th rowSpan={o.units.length}>{t('doc.units')}</th>}
              <td colSpan={3} data-testid="doc-unit">
                <div>
                  {t('doc.unitName', { unit: u.name, role: u.role === 'lead' ? t('doc.lead') : t('doc.co') })}
                </div>
                <div>{t('doc.unitDates', { signDue: docDate(u.signDue), dueDate: docDate(u.dueDate) })}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </OfficialDocument>
  );
}
