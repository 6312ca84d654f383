import {
  SEED_MATTER_SETTINGS,
  type MatterCategoriesPolicy,
  type MatterCategory,
  type MatterLoopPolicy,
  type MatterSettingKey,
  type MatterTier,
  type PolicyKind,
  type PolicyVersionList,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import type { Caller } from '../../../platform/caller';
import { shanghaiDate, type Clock } from '../../../platform/clock';
import { fieldError, notFound } from '../../../platform/errors';
import { parsePolicyBody, type PolicyVersions } from '../../../platform/policy/policy-versions';
import type { OrgService } from '../../org';
import * as repo from '../matters.repository';
import * as policyRepo from './policy.repository';

export type PolicyService = ReturnType<typeof createPolicyService>;

/**
 * The loop's policy on the platform's versions with effective dates (platform/policy): the priority tiers
 * and thresholds (`matter_loop`), the categories (`matter_categories`), and the routes of every kind (the
 * grade table, `grade_table`, has no records under it yet). A matter keeps the loop version it
 * was raised under, so no change here moves a deadline already computed; it keeps its category code, and
 * lists show that category's name in the version in force today.
 */
export function createPolicyService(deps: {
  db: Db;
  clock: Clock;
  orgs: OrgService;
  policyVersions: PolicyVersions;
}) {
  const { db, clock, orgs, policyVersions } = deps;
  const today = () => shanghaiDate(clock.now());

  /** Add a loop policy version in the transaction; new tier codes get their row (matters reference it). */
  async function addLoopVersion(trx: Tx, caller: Caller, effectiveFrom: string, body: MatterLoopPolicy) {
    const v = await policyVersions.create(trx, caller.actor, 'matter_loop', effectiveFrom, body);
    for (const [i, t] of v.body.tiers.entries()) await policyRepo.insertPriorityIfMissing(trx, t, i * 10);
    await repo.bumpMatters(trx); // the board's cached pages carry tiers and deadlines read under policy
    return v;
  }

  /** A change that takes effect today: a new version on the body in force today. */
  async function changeToday(caller: Caller, change: (p: MatterLoopPolicy) => MatterLoopPolicy) {
    const day = today();
    await db.transaction().execute(async (trx) => {
      const current = await policyVersions.inForce(trx, 'matter_loop', day);
      await addLoopVersion(trx, caller, day, change(current.body));
    });
  }

  /** Each default unit of a categories version is in the caller's scope (read before the transaction). */
  async function checkDefaultUnits(
    caller: Caller,
    body: MatterCategoriesPolicy,
    path: (i: number) => string,
  ) {
    for (const [i, c] of body.categories.entries())
      if (c.defaultUnitId)
        await orgs
          .loadInScope(caller, c.defaultUnitId)
          .catch(() => Promise.reject(fieldError(path(i), 'invalid_value')));
  }

  /**
   * Add a categories version in the transaction. A published category (of any version not withdrawn) is
   * never removed, only retired (CATEGORY_REMOVED): matters keep its code and lists its name. A new code
   * gets its row in matter_categories (matters reference it).
   */
  async function addCategoriesVersion(
    trx: Tx,
    caller: Caller,
    effectiveFrom: string,
    body: MatterCategoriesPolicy,
  ) {
    const codes = new Set(body.categories.map((c) => c.code));
    const published = await policyVersions.list(trx, 'matter_categories');
    if (
      published.items.some(
        (v) => v.status !== 'cancelled' && v.body.categories.some((c) => !codes.has(c.code)),
      )
    )
      throw fieldError('body.categories', 'CATEGORY_REMOVED');
    const v = await policyVersions.create(trx, caller.actor, 'matter_categories', effectiveFrom, body);
    for (const [i, c] of v.body.categories.entries())
      await policyRepo.insertCategoryIfMissing(trx, c, i * 10);
    await repo.bumpMatters(trx); // the board's cached pages carry category names
    return v;
  }

  return {
    /** Every threshold of the loop with its value in force today. */
    async listSettings() {
      const [rows, loop] = await Promise.all([
        repo.listSettings(db),
        policyVersions.inForce(db, 'matter_loop', today()),
      ]);
      const values = loop.body.thresholds as Record<string, string | number>;
      return rows.map((r) => ({ key: r.key, value: String(values[r.key] ?? r.value), note: r.note }));
    },

    /** Change one threshold from today (a new policy version); working-day counts 0–60, prefixes short text. */
    async setSetting(caller: Caller, key: string, value: string) {
      if (!(key in SEED_MATTER_SETTINGS)) throw notFound();
      const numeric = typeof SEED_MATTER_SETTINGS[key as MatterSettingKey] === 'number';
      if (numeric && !/^\d{1,2}$/.test(value)) throw fieldError('value', 'invalid_value');
      if (numeric && Number(value) > 60) throw fieldError('value', 'too_big');
      if (!numeric && (value.length < 1 || value.length > 10)) throw fieldError('value', 'invalid_value');
      await changeToday(caller, (p) => ({
        ...p,
        thresholds: { ...p.thresholds, [key]: numeric ? Number(value) : value },
      }));
    },

    /**
     * Add or change one category from today (a new categories version on the one in force today); a
     * category is retired by isActive=false, never removed (old matters keep it). sortOrder is not kept:
     * a new category comes last (a version's list is in the raise form's order).
     */
    async putCategory(
      caller: Caller,
      code: string,
      c: {
        nameZh: string;
        nameEn: string;
        defaultUnitId?: string | null;
        sortOrder?: number;
        isActive: boolean;
      },
    ) {
      const category: MatterCategory = {
        code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        defaultUnitId: c.defaultUnitId ?? null,
        isActive: c.isActive,
      };
      await checkDefaultUnits(caller, { categories: [category] }, () => 'defaultUnitId');
      const day = today();
      await db.transaction().execute(async (trx) => {
        const { body } = await policyVersions.inForce(trx, 'matter_categories', day);
        const categories = body.categories.some((x) => x.code === code)
          ? body.categories.map((x) => (x.code === code ? category : x))
          : [...body.categories, category];
        await addCategoriesVersion(trx, caller, day, { categories });
      });
    },

    /** Add or change a priority tier from today (a new policy version): matters raised from now on use it. */
    async putPriority(
      caller: Caller,
      code: string,
      p: { nameZh: string; nameEn: string; handleWorkdays: number; sortOrder?: number; isActive: boolean },
    ) {
      const tier: MatterTier = {
        code,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        handleWorkdays: p.handleWorkdays,
        isActive: p.isActive,
      };
      await changeToday(caller, (pol) => ({
        ...pol,
        tiers: pol.tiers.some((t) => t.code === code)
          ? pol.tiers.map((t) => (t.code === code ? tier : t))
          : [...pol.tiers, tier],
      }));
    },

    /** Every version of a policy kind, newest first, with its status today (in force, 待生效, superseded). */
    async listVersions(kind: PolicyKind): Promise<PolicyVersionList> {
      return policyVersions.list(db, kind);
    },

    /**
     * A new version of a policy kind effective on a date (today or later); versions are never changed. The
     * body is checked by the kind's schema (field errors under `body.`).
     */
    async createVersion(caller: Caller, kind: PolicyKind, effectiveFrom: string, body: unknown) {
      const add = async () => {
        switch (kind) {
          case 'matter_loop':
            return db
              .transaction()
              .execute((trx) =>
                addLoopVersion(trx, caller, effectiveFrom, parsePolicyBody('matter_loop', body)),
              );
          case 'matter_categories': {
            const parsed = parsePolicyBody('matter_categories', body);
            await checkDefaultUnits(caller, parsed, (i) => `body.categories.${i}.defaultUnitId`);
            return db
              .transaction()
              .execute((trx) => addCategoriesVersion(trx, caller, effectiveFrom, parsed));
          }
          case 'grade_table':
            // A kind no record reads yet (the grade table until the grades module): the version alone.
            return db
              .transaction()
              .execute((trx) => policyVersions.create(trx, caller.actor, kind, effectiveFrom, body));
        }
      };
      const v = await add();
      const status = effectiveFrom > today() ? ('scheduled' as const) : ('in_force' as const);
      return { ...v, kind, status, cancellation: null };
    },

    /** Withdraw a scheduled version before its date, with a reason (audited); it stays in the history. */
    async cancelVersion(caller: Caller, kind: PolicyKind, version: number, reason: string) {
      const v = await db
        .transaction()
        .execute((trx) => policyVersions.cancel(trx, caller.actor, kind, version, reason));
      return { ...v, status: 'cancelled' as const };
    },
  };
}
