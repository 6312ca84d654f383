import { z } from 'zod';
import { isoDate, uuid } from './common';

/**
 * The election structure report (换届结构分析): the committees an election produced, side by side with
 * the previous term of the same orgs, by town and for the whole scope.
 */

/** The age bands of the structure report (on each term's election date). */
export const STRUCTURE_AGE_BANDS = ['<=35', '36-45', '46-55', '>=56'] as const;
export type StructureAgeBand = (typeof STRUCTURE_AGE_BANDS)[number];

export function structureAgeBandOf(age: number): StructureAgeBand {
  return age <= 35 ? '<=35' : age <= 45 ? '36-45' : age <= 55 ? '46-55' : '>=56';
}

const countShare = z.object({ count: z.number().int(), share: z.number().nullable() });

/** The figures of one committee side (the new term, or the previous one) of one group of orgs. */
export const structureFiguresSchema = z.object({
  organizations: z.number().int(),
  /** Distinct people holding a seat in either committee, counted per org. */
  headcount: z.number().int(),
  partyCommittee: z.number().int(),
  villagersCommittee: z.number().int(),
  averageAge: z.number().nullable(),
  ageBands: z.array(z.object({ band: z.enum(STRUCTURE_AGE_BANDS), count: z.number().int() })),
  collegeOrAbove: countShare,
  women: countShare,
  bornAfter1985: countShare,
  bornAfter1990: countShare,
  /** 一肩挑: the secretary is also the villagers' committee director, over orgs with a secretary. */
  secretaryDirector: z.object({
    count: z.number().int(),
    orgsWithSecretary: z.number().int(),
    rate: z.number().nullable(),
  }),
  /** New side only: people who held a seat in the previous term of the same org (null on the previous side). */
  reelected: countShare.nullable(),
  newcomers: countShare.nullable(),
});
export type StructureFigures = z.infer<typeof structureFiguresSchema>;

export const structureGroupSchema = z.object({
  /** The org the group stands for: a town, or the election's scope (the total). */
  orgId: uuid,
  orgName: z.string(),
  current: structureFiguresSchema,
  previous: structureFiguresSchema,
});
export type StructureGroup = z.infer<typeof structureGroupSchema>;

export const structureReportSchema = z.object({
  election: z.object({ id: uuid, name: z.string(), electionDate: isoDate }),
  /** One row per town in the caller's view, in the tree's order. */
  groups: z.array(structureGroupSchema),
  /** The whole of what the caller sees (the city for city staff, the town for town staff). */
  total: structureGroupSchema,
});
export type StructureReport = z.infer<typeof structureReportSchema>;

export const structureSnapshotSummarySchema = z.object({
  id: uuid,
  electionId: uuid,
  orgId: uuid,
  orgName: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** SHA-256 of the frozen report's JSON, hex. */
  contentHash: z.string(),
});
export type StructureSnapshotSummary = z.infer<typeof structureSnapshotSummarySchema>;

export const structureSnapshotListSchema = z.object({ items: z.array(structureSnapshotSummarySchema) });

export const structureSnapshotSchema = structureSnapshotSummarySchema.extend({
  /** The stored JSON still hashes to contentHash. */
  intact: z.boolean(),
  report: structureReportSchema,
});
export type StructureSnapshot = z.infer<typeof structureSnapshotSchema>;

export const structureSnapshotParams = z.object({ id: uuid, snapshotId: uuid });

/** Elections whose structure report the caller may read. */
export const structureElectionListSchema = z.object({
  items: z.array(z.object({ id: uuid, name: z.string(), electionDate: isoDate, scopeOrgName: z.string() })),
});
export type StructureElectionList = z.infer<typeof structureElectionListSchema>;

/**
 * The indicators of the report as the table, the workbook and the print page show them, each with how
 * its value reads off one side's figures: a count, a share (0–1) or years.
 */
export const STRUCTURE_INDICATORS: readonly {
  key: string;
  zh: string;
  en: string;
  unit: 'count' | 'share' | 'years';
  value: (f: StructureFigures) => number | null;
}[] = [
  { key: 'organizations', zh: '村（社区）数', en: 'Villages', unit: 'count', value: (f) => f.organizations },
  {
    key: 'headcount',
    zh: '“两委”成员（人）',
    en: 'Committee members',
    unit: 'count',
    value: (f) => f.headcount,
  },
  {
    key: 'partyCommittee',
    zh: '党组织委员（人）',
    en: 'Party committee',
    unit: 'count',
    value: (f) => f.partyCommittee,
  },
  {
    key: 'villagersCommittee',
    zh: '村（居）委会委员（人）',
    en: "Villagers' committee",
    unit: 'count',
    value: (f) => f.villagersCommittee,
  },
  { key: 'averageAge', zh: '平均年龄（岁）', en: 'Average age', unit: 'years', value: (f) => f.averageAge },
  ...STRUCTURE_AGE_BANDS.map((band, i) => ({
    key: `age:${band}`,
    zh: ['35岁及以下', '36—45岁', '46—55岁', '56岁及以上'][i]!,
    en: ['35 or under', '36–45', '46–55', '56 or over'][i]!,
    unit: 'count' as const,
    value: (f: StructureFigures) => f.ageBands[i]?.count ?? 0,
  })),
  {
    key: 'collegeOrAbove',
    zh: '大专及以上占比',
    en: 'College or above',
    unit: 'share',
    value: (f) => f.collegeOrAbove.share,
  },
  { key: 'women', zh: '女性占比', en: 'Women', unit: 'share', value: (f) => f.women.share },
  {
    key: 'bornAfter1985',
    zh: '“85后”占比',
    en: 'Born 1985 or later',
    unit: 'share',
    value: (f) => f.bornAfter1985.share,
  },
  {
    key: 'bornAfter1990',
    zh: '“90后”占比',
    en: 'Born 1990 or later',
    unit: 'share',
    value: (f) => f.bornAfter1990.share,
  },
  {
    key: 'secretaryDirector',
    zh: '书记、主任“一肩挑”比例',
    en: 'Secretary also director',
    unit: 'share',
    value: (f) => f.secretaryDirector.rate,
  },
  {
    key: 'reelected',
    zh: '连任（人）',
    en: 'Re-elected',
    unit: 'count',
    value: (f) => f.reelected?.count ?? null,
  },
  {
    key: 'newcomers',
    zh: '新进（人）',
    en: 'Newly elected',
    unit: 'count',
    value: (f) => f.newcomers?.count ?? null,
  },
];

/** The change from the previous term to the new one (null when either side has no value). */
export function structureChange(prev: number | null, cur: number | null): number | null {
  return prev === null || cur === null ? null : cur - prev;
}
