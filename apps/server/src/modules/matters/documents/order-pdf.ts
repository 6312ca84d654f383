// The 交办单 and 督办单 as PDF files, worded from the same texts as the web's printable pages.
import {
  DOCUMENT_TEXTS,
  documentDate,
  documentList,
  fillTemplate,
  type DocumentLang,
  type DocumentTextKey,
} from '@xinhuo/shared';
import { renderOfficialDocument, type DocCell } from '../../../platform/pdf/official-document';
import type { OrderService } from './orders.service';

export type AssignOrder = Awaited<ReturnType<OrderService['assignOrder']>>;
export type SupervisionOrder = Awaited<ReturnType<OrderService['supervisionOrder']>>;

/** The wording of one language, as the web's printable page has it. */
function wording(lang: DocumentLang) {
  const say = (key: DocumentTextKey, vars?: Record<string, string | number>) =>
    fillTemplate(DOCUMENT_TEXTS[lang][key], vars);
  return {
    say,
    date: (iso: string) => documentDate(iso, lang),
    list: (names: readonly string[]) => documentList(names, lang),
    masthead: (issuer: string) => say('doc.masthead', { issuer }),
  };
}

/** The 交办单 of a dispatched matter; `priorityName` is the tier's name in `lang` from the catalog. */
export function renderAssignOrderPdf(
  o: AssignOrder,
  priorityName: string,
  lang: DocumentLang,
): Promise<Buffer> {
  const { say, date: docDate, list, masthead } = wording(lang);
  const m = o.matter;
  const lead = o.units.find((u) => u.role === 'lead');
  const co = o.units.filter((u) => u.role === 'co').map((u) => u.name);
  const th = (text: string, extra: Partial<DocCell> = {}): DocCell => ({ text, isHeader: true, ...extra });
  const td = (text: string, colSpan = 1): DocCell => ({ text, colSpan });
  return renderOfficialDocument({
    masthead: masthead(o.issuer),
    docNo: o.docNo,
    title: say('doc.assignTitle'),
    lang,
    recipient: lead?.name ?? list(co),
    issuer: o.issuer,
    issuedOn: o.issuedOn,
    sealLabel: say('doc.seal'),
    copyTo: co.length > 0 ? { label: say('doc.copyTo'), text: list(co) } : undefined,
    body: [
      {
        kind: 'paragraph',
        text: say('doc.assignBody', {
          source: m.source,
          co: co.length > 0 ? say('doc.assignBodyCo', { units: list(co) }) : '',
          signDue: docDate(lead?.signDue ?? o.deadline),
          deadline: docDate(o.deadline),
        }),
      },
      {
        kind: 'table',
        columns: [0.19, 0.34, 0.19, 0.28],
        rows: [
          [th(say('doc.matterCode')), td(m.code), th(say('doc.category')), td(m.category)],
          [th(say('doc.matterTitle')), td(m.title, 3)],
          [
            th(say('doc.raiser')),
            td(
              say('doc.raiserOf', {
                name: m.raiserName,
                place: say('doc.place', { town: m.townName, village: m.villageName }),
              }),
            ),
            th(say('doc.raisedOn')),
            td(docDate(m.raisedOn)),
          ],
          [th(say('doc.source')), td(m.source), th(say('doc.priority')), td(priorityName)],
          [th(say('doc.content')), td(m.description, 3)],
          ...o.units.map((u, i) => [
            ...(i === 0 ? [th(say('doc.units'), { rowSpan: o.units.length })] : []),
            td(
              `${say('doc.unitName', { unit: u.name, role: say(u.role === 'lead' ? 'doc.lead' : 'doc.co') })}\n` +
                say('doc.unitDates', { signDue: docDate(u.signDue), dueDate: docDate(u.dueDate) }),
              3,
            ),
          ]),
        ],
      },
    ],
  });
}

/** The 督办单 to a unit whose matter is overdue; `issuer` is whoever issued the matter's 交办单. */
export function renderSupervisionOrderPdf(
  o: SupervisionOrder,
  issuer: string,
  lang: DocumentLang,
): Promise<Buffer> {
  const { say, date: docDate, masthead } = wording(lang);
  const m = o.matter;
  return renderOfficialDocument({
    lang,
    masthead: masthead(issuer),
    docNo: o.docNo,
    title: say('doc.superviseTitle'),
    recipient: o.unitName,
    issuer,
    issuedOn: o.issuedOn,
    sealLabel: say('doc.seal'),
    body: [
      {
        kind: 'paragraph',
        text: say('doc.superviseBody', {
          dispatchNo: m.dispatchNo ?? '',
          title: m.title,
          code: m.code,
          raiser: m.raiserName,
          raisedOn: docDate(m.raisedOn),
          dueDate: docDate(o.dueDate),
          issuedOn: docDate(o.issuedOn),
          days: o.overdueWorkdays,
        }),
      },
      { kind: 'paragraph', text: say('doc.superviseDemand') },
      { kind: 'paragraph', text: say('doc.superviseWarning') },
    ],
  });
}

/** File names of an order's PDF: an ASCII one made from the number's digits, and the Chinese one. */
export function orderPdfNames(kind: 'assign' | 'supervision', docNo: string) {
  const ascii = docNo.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'document';
  return {
    asciiName: `${kind}-order-${ascii}.pdf`,
    name: `${kind === 'assign' ? '交办单' : '督办单'}-${docNo}.pdf`,
  };
}
