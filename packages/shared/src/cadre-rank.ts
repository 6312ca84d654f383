// 职级: its own file so the person contract can read it without the pipeline's imports (no cycle).
/** 职级 of an organ cadre (a person attribute; empty for village cadres). */
export const CADRE_RANKS = ['middle_chief', 'middle_deputy', 'staff'] as const;
export type CadreRank = (typeof CADRE_RANKS)[number];
export const CADRE_RANK_LABELS: Record<CadreRank, { zh: string; en: string }> = {
  middle_chief: { zh: '中层正职', en: 'Middle-level chief' },
  middle_deputy: { zh: '中层副职', en: 'Middle-level deputy' },
  staff: { zh: '一般干部', en: 'Staff' },
};
