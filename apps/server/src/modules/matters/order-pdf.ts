// The 交办单 and 督办单 as PDF files, with the wording of the web's printable pages (zh-CN `doc.*` texts).
import {
  formatDocDate as docDate,
  renderOfficialDocument,
  type DocCell,
} from '../../platform/pdf/official-document';
import type { OrderService } from './orders.service';

export type AssignOrder = Awaited<ReturnType<OrderService['assignOrder']>>;
export type SupervisionOrder = Awaited<ReturnType<OrderService['supervisionOrder']>>;

const SEAL = '（盖章）';
const masthead = (issuer: string) => `${issuer}书记讲给书记听`;

/** The 交办单 of a dispatched matter; `priorityName` is the tier's Chinese name from the catalog. */
export function renderAssignOrderPdf(o: AssignOrder, priorityName: string): Promise<Buffer> {
  const m = o.matter;
  const lead = o.units.find((u) => u.role === 'lead');
  const co = o.units.filter((u) => u.role === 'co').map((u) => u.name);
  const th = (text: string, extra: Partial<DocCell> = {}): DocCell => ({ text, isHeader: true, ...extra });
  const td = (text: string, colSpan = 1): DocCell => ({ text, colSpan });
  const body =
    `现将${m.source}的下列事项交由你单位牵头办理${co.length > 0 ? `，${co.join('、')}协办` : ''}。` +
    `请于${docDate(lead?.signDue ?? o.deadline)}前签收，${docDate(o.deadline)}前办结，` +
    '并将经单位负责人签字的办理结果书面报送。';
  return renderOfficialDocument({
    masthead: masthead(o.issuer),
    docNo: o.docNo,
    title: '事项交办单',
    recipient: lead?.name ?? co.join('、'),
    issuer: o.issuer,
    issuedOn: o.issuedOn,
    sealLabel: SEAL,
    copyTo: co.length > 0 ? { label: '抄送', text: co.join('、') } : undefined,
    body: [
      { kind: 'paragraph', text: body },
      {
        kind: 'table',
        columns: [0.19, 0.34, 0.19, 0.28],
        rows: [
          [th('事项编号'), td(m.code), th('事项类别'), td(m.category)],
          [th('事项名称'), td(m.title, 3)],
          [
            th('提出人'),
            td(`${m.raiserName}（${m.townName}${m.villageName}）`),
            th('提出日期'),
            td(docDate(m.raisedOn)),
          ],
          [th('事项来源'), td(m.source), th('优先级'), td(priorityName)],
          [th('事项内容'), td(m.description, 3)],
          ...o.units.map((u, i) => [
            ...(i === 0 ? [th('承办单位', { rowSpan: o.units.length })] : []),
            td(
              `${u.name}（${u.role === 'lead' ? '牵头' : '协办'}）\n` +
                `签收时限：${docDate(u.signDue)}；办结时限：${docDate(u.dueDate)}`,
              3,
            ),
          ]),
        ],
      },
    ],
  });
}

/** The 督办单 to a unit whose matter is overdue; `issuer` is whoever issued the matter's 交办单. */
export function renderSupervisionOrderPdf(o: SupervisionOrder, issuer: string): Promise<Buffer> {
  const m = o.matter;
  return renderOfficialDocument({
    masthead: masthead(issuer),
    docNo: o.docNo,
    title: '事项督办单',
    recipient: o.unitName,
    issuer,
    issuedOn: o.issuedOn,
    sealLabel: SEAL,
    body: [
      {
        kind: 'paragraph',
        text:
          `${m.dispatchNo ?? ''}交由你单位办理的事项「${m.title}」（编号 ${m.code}，${m.raiserName}于${docDate(m.raisedOn)}提出），` +
          `办结时限为${docDate(o.dueDate)}，截至${docDate(o.issuedOn)}已逾期 ${o.overdueWorkdays} 个工作日。`,
      },
      { kind: 'paragraph', text: '请你单位接此督办单后立即组织办理，并将办理情况及逾期原因书面报送。' },
      { kind: 'paragraph', text: '逾期仍未办结的，将按规定通报分管领导，并计入单位年度考核。' },
    ],
  });
}

/** Content-Disposition of an order's PDF: an ASCII name for old clients, the Chinese one for the rest. */
export function orderPdfDisposition(kind: 'assign' | 'supervision', docNo: string): string {
  const ascii = docNo.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'document';
  const zh = `${kind === 'assign' ? '交办单' : '督办单'}-${docNo}.pdf`;
  return `attachment; filename="${kind}-order-${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(zh)}`;
}
