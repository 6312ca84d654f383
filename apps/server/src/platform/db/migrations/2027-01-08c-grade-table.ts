import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 item 5, mission C3): the grade table of village cadres (四岗十五级) is a policy
 * kind, `grade_table`, in `policy_versions`. Version 1 (in force from the start) holds ILLUSTRATIVE demo
 * values (示例数据) — 4 posts with entry grades, 15 grades at 3,000 yuan a month rising by 300, and the
 * promotion rules 优秀 +1 / 称职 three years in a row +1 / 基本称职 0 / 不称职 −1 — for the county to
 * replace by its own figures with a new version. They are not official figures.
 */
export const gradeTable: Migration = {
  name: '2027-01-08c-grade-table',
  async up(db: Kysely<any>) {
    const body = {
      posts: [
        { code: 'secretary', nameZh: '村党组织书记', nameEn: 'Village party secretary', entryGrade: 6 },
        { code: 'director', nameZh: '村委会主任', nameEn: 'Village committee director', entryGrade: 5 },
        { code: 'member', nameZh: '村两委委员', nameEn: 'Village committee member', entryGrade: 3 },
        { code: 'assistant', nameZh: '村务工作者', nameEn: 'Village affairs worker', entryGrade: 1 },
      ],
      grades: Array.from({ length: 15 }, (_, i) => ({ grade: i + 1, monthlyPay: 3000 + 300 * i })),
      promotion: [
        { level: 'excellent', consecutiveYears: 1, move: 1 },
        { level: 'competent', consecutiveYears: 3, move: 1 },
        { level: 'basically_competent', consecutiveYears: 1, move: 0 },
        { level: 'incompetent', consecutiveYears: 1, move: -1 },
      ],
    };
    await db
      .insertInto('policy_versions')
      .values({
        kind: 'grade_table',
        version: 1,
        effective_from: '2000-01-01',
        body: JSON.stringify(body),
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  },
};
