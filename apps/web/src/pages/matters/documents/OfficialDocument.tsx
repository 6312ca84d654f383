// A printable official document (GB/T 9704 layout): red masthead, document number, red rule, body,
// issuing unit and date at the bottom right under the seal, on an A4 sheet; @media print drops the app chrome.
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { documentDate, mastheadSize } from '@xinhuo/shared';
import { useLanguage, useT } from '../../../i18n/use-t';
import './documents.css';

const PX_PER_MM = 96 / 25.4;
/** The bottom of the type area: 37 mm top margin + 225 mm (GB/T 9704). */
const TYPE_AREA_BOTTOM_MM = 37 + 225;
/** Density steps in documents.css, loosest first; the PDF renderer has the same four. */
const DENSITIES = ['0', '1', '2', '3'] as const;

/**
 * Sets the document at the loosest density at which it fits one A4 sheet, measured on the page
 * itself (the sheet on screen has the printed size): a document of the usual length that would
 * leave its last rows, date and seal alone on a second page is set a little tighter instead. A
 * document too long even at the tightest is set at the standard density over several pages.
 */
function fitToSheet(sheet: HTMLElement) {
  const fits = () => {
    const top = sheet.getBoundingClientRect().top;
    const bottom = Math.max(...Array.from(sheet.children, (c) => c.getBoundingClientRect().bottom));
    return bottom - top <= TYPE_AREA_BOTTOM_MM * PX_PER_MM + 0.5;
  };
  for (const d of DENSITIES) {
    sheet.dataset.density = d;
    if (fits()) return;
  }
  sheet.dataset.density = DENSITIES[0];
}

interface OfficialDocumentProps {
  /** The issuing authority's mark (发文机关标志), printed in red. */
  masthead: string;
  docNo: string;
  /** The document's own title (标题), e.g. 事项交办单. */
  title: string;
  /** 主送机关: printed flush left, followed by a full-width colon. */
  recipient: string;
  children: ReactNode;
  issuer: string;
  issuedOn: string;
  /** 抄送 line at the foot, if any. */
  copyTo?: string;
  backTo: string;
  /** The same document as a PDF file (typeset by the server), for the download button. */
  pdfHref: string;
  testId: string;
}

export function OfficialDocument({
  masthead,
  docNo,
  title,
  recipient,
  children,
  issuer,
  issuedOn,
  copyTo,
  backTo,
  pdfHref,
  testId,
}: OfficialDocumentProps) {
  const t = useT();
  const lang = useLanguage();
  const sheet = useRef<HTMLElement>(null);
  // After every render (the text may have changed), once the fonts are in, and before printing.
  useLayoutEffect(() => {
    if (sheet.current) fitToSheet(sheet.current);
  });
  useEffect(() => {
    const refit = () => sheet.current && fitToSheet(sheet.current);
    void document.fonts?.ready.then(refit);
    window.addEventListener('beforeprint', refit);
    return () => window.removeEventListener('beforeprint', refit);
  }, []);
  // Only while a document is open does printing hide the app around it.
  useEffect(() => {
    document.body.classList.add('xh-print-document');
    return () => document.body.classList.remove('xh-print-document');
  }, []);

  return (
    <div className="xh-doc-page">
      <Space className="xh-doc-toolbar">
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="doc-print"
        >
          {t('doc.print')}
        </Button>
        <Button icon={<FilePdfOutlined />} href={pdfHref} download data-testid="doc-pdf">
          {t('doc.downloadPdf')}
        </Button>
        <Link to={backTo}>
          <Button>{t('doc.back')}</Button>
        </Link>
      </Space>
      <article className="xh-doc" data-testid={testId} lang={lang} ref={sheet}>
        <header className="xh-doc-masthead" style={{ fontSize: `${mastheadSize(masthead)}pt` }}>
          {masthead}
        </header>
        <div className="xh-doc-no" data-testid="doc-no">
          {docNo}
        </div>
        <hr className="xh-doc-rule" />
        <h1 className="xh-doc-title">{title}</h1>
        <p className="xh-doc-recipient" data-testid="doc-recipient">
          {recipient}
          {t('doc.colon')}
        </p>
        <div className="xh-doc-body">{children}</div>
        <div className="xh-doc-signature">
          <div className="xh-doc-seal" aria-label={t('doc.seal')}>
            {t('doc.seal')}
          </div>
          <div className="xh-doc-issuer" data-testid="doc-issuer">
            {issuer}
          </div>
          <div className="xh-doc-date" data-testid="doc-date">
            {documentDate(issuedOn, lang)}
          </div>
        </div>
        {copyTo && (
          <footer className="xh-doc-footer">
            <span>
              {t('doc.copyTo')}
              {t('doc.colon')}
            </span>
            {copyTo}
          </footer>
        )}
      </article>
    </div>
  );
}
