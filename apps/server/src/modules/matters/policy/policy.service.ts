import { SEED_MATTER_SETTINGS, type MatterSettingKey } from '@xinhuo/shared';
import type { Db } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import type { Caller } from '../../../platform/caller';
import type { Clock } from '../../../platform/clock';
import { fieldError, notFound } from '../../../platform/errors';
import type { OrgService } from '../../org';
import * as repo from '../matters.repository';
import * as policyRepo from './policy.repository';

export type PolicyService = ReturnType<typeof createPolicyService>;

/** The loop's policy tables (thresholds, categories, priority tiers): data, edited by the city and audited. */
export function createPolicyService(deps: { db: Db; clock: Clock; audit: AuditTrail; orgs: OrgService }) {
  const { db, clock, audit, orgs } = deps;
  return {
    /** Every threshold of the loop with its current value. */
    async listSettings() {
      const rows = await repo.listSettings(db);
      return rows.map((r) => ({ key: r.key, value: r.value, note: r.note }));
    },

    /** Change one threshold; working-day counts are integers 0–60, document prefixes short text. */
    async setSetting(caller: Caller, key: string, value: string) {
      if (!(key in SEED_MATTER_SETTINGS)) throw notFound();
      const numeric = typeof SEED_MATTER_SETTINGS[key as MatterSettingKey] === 'number';
      if (numeric && !/^\d{1,2}$/.test(value)) throw fieldError('value', 'invalid_value');
      if (numeric && Number(value) > 60) throw fieldError('value', 'too_big');
      if (!numeric && (value.length < 1 || value.length > 10)) throw fieldError('value', 'invalid_value');
      await db.transaction().execute(async (trx) => {
        if (!(await policyRepo.updateSetting(trx, key, value, clock.now().toISOString()))) throw notFound();
        await audit.record(trx, caller.actor, {
          action: 'matter_setting_set',
          objectType: 'matter_setting',
          objectId: key,
          details: { value },
        });
      });
    },

    /** Add or change a category; a category is retired by isActive=false, never deleted (old matters keep it). */
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
      if (c.defaultUnitId)
        await orgs
          .loadInScope(caller, c.defaultUnitId)
          .catch(() => Promise.reject(fieldError('defaultUnitId', 'invalid_value')));
      await db.transaction().execute(async (trx) => {
        await policyRepo.upsertCategory(trx, {
          code,
          name_zh: c.nameZh,
          name_en: c.nameEn,
          default_unit_id: c.defaultUnitId ?? null,
          sort_order: c.sortOrder ?? 50,
          is_active: c.isActive ? 1 : 0,
        });
        await audit.record(trx, caller.actor, {
          action: 'matter_category_put',
          objectType: 'matter_category',
          objectId: code,
          details: { ...c },
        });
      });
    },

    /** Add or change a priority tier; the tier's working days apply to matters dispatched from now on. */
    async putPriority(
      caller: Caller,
      code: string,
      p: { nameZh: string; nameEn: string; handleWorkdays: number; sortOrder?: number; isActive: boolean },
    ) {
      await db.transaction().execute(async (trx) => {
        await policyRepo.upsertPriority(trx, {
          code,
          name_zh: p.nameZh,
          name_en: p.nameEn,
          handle_workdays: p.handleWorkdays,
          sort_order: p.sortOrder ?? 50,
          is_active: p.isActive ? 1 : 0,
        });
        await audit.record(trx, caller.actor, {
          action: 'matter_priority_put',
          objectType: 'matter_priority',
          objectId: code,
          details: { ...p },
        });
      });
    },
  };
}
