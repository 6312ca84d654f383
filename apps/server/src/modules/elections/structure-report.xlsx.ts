import { STRUCTURE_INDICATORS, structureChange, type Lang, type StructureReport } from '@xinhuo/shared';
import { writeXlsxSheet } from '../../platform/excel/xlsx-writer';

const pick = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

/** A share 0–1 as a percentage with one decimal (a number, so Excel sorts and charts it); others as they are. */
const cell = (unit: 'count' | 'share' | 'years', v: number | null) =>
  v === null ? null : unit === 'share' ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10;

/**
 * The structure report as a real .xlsx: one row per town (and the total) and indicator, with the
 * previous term, the new one and the change; shares in percent.
 */
export function writeStructureReportXlsx(report: StructureReport, lang: Lang): Promise<Buffer> {
  const rows: (string | number | null)[][] = [];
  for (const g of [
    ...report.groups,
    { ...report.total, orgName: `${report.total.orgName}${pick(lang, '（合计）', ' (total)')}` },
  ]) {
    for (const ind of STRUCTURE_INDICATORS) {
      const prev = ind.value(g.previous);
      const cur = ind.value(g.current);
      const label = ind.unit === 'share' ? `${pick(lang, ind.zh, ind.en)}（%）` : pick(lang, ind.zh, ind.en);
      // Re-elected and newcomers exist on the new side only.
      const prevCell = ind.key === 'reelected' || ind.key === 'newcomers' ? null : cell(ind.unit, prev);
      rows.push([
        g.orgName,
        label,
        prevCell,
        cell(ind.unit, cur),
        cell(ind.unit, structureChange(prevCell === null ? null : prev, cur)),
      ]);
    }
  }
  return writeXlsxSheet(
    pick(lang, '换届结构分析', 'Election structure'),
    [
      { header: pick(lang, '单位', 'Unit'), width: 22 },
      { header: pick(lang, '指标', 'Indicator'), width: 28 },
      { header: pick(lang, '上届', 'Previous term'), width: 12 },
      { header: pick(lang, '本届', 'New term'), width: 12 },
      { header: pick(lang, '变化', 'Change'), width: 12 },
    ],
    rows,
  );
}
