import {
  DEFAULT_PLATFORM_SETTINGS,
  PLATFORM_SETTING_KEYS,
  platformSettingsSchema,
  type LoginSettings,
  type PlatformSettingKey,
  type PlatformSettings,
  type PlatformSettingsState,
  type PublicSettings,
  type UpdatePlatformSettingsBody,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import * as repo from './settings.repository';

export type SettingsService = ReturnType<typeof createSettingsService>;

const KEY_SCHEMAS = platformSettingsSchema.shape;

/** A stored value that is no longer valid (a key's rule tightened) falls back to the default. */
function parseValue<K extends PlatformSettingKey>(key: K, json: string): PlatformSettings[K] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return DEFAULT_PLATFORM_SETTINGS[key];
  }
  const r = KEY_SCHEMAS[key].safeParse(raw);
  return r.success ? (r.data as PlatformSettings[K]) : DEFAULT_PLATFORM_SETTINGS[key];
}

function isKey(key: string): key is PlatformSettingKey {
  return (PLATFORM_SETTING_KEYS as string[]).includes(key);
}

function merged(rows: { key: string; value: string }[]): PlatformSettings {
  const out: Record<string, unknown> = { ...DEFAULT_PLATFORM_SETTINGS };
  for (const r of rows) if (isKey(r.key)) out[r.key] = parseValue(r.key, r.value);
  return out as PlatformSettings;
}

const LOGIN_KEYS = ['platformName', 'orgDepartmentName', 'supportContact'] as const;
const PUBLIC_KEYS = [
  ...LOGIN_KEYS,
  'defaultLanguage',
  'defaultPageSize',
  'wallPanelSeconds',
  'wallRefreshSeconds',
] as const;

/**
 * Platform settings that are not security policy (系统设置, issue 10 item 1): one row per key, changed
 * only by the system administrator (`settings:manage`). A save sends every setting with the version it was
 * read at — the highest version of any key — and writes the keys whose value changed at the next version,
 * each guarded by the version it had, so a stale save answers `SETTINGS_STALE` (409) with nothing written;
 * the audit row with the old and the new value of each changed key is written in the same transaction.
 */
export function createSettingsService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;

  async function state(
    conn: Db | Tx,
  ): Promise<PlatformSettingsState & { rows: Awaited<ReturnType<typeof repo.findAll>> }> {
    const rows = await repo.findAll(conn);
    const last = rows.reduce<(typeof rows)[number] | null>(
      (a, r) => (!a || Number(r.version) > Number(a.version) ? r : a),
      null,
    );
    return {
      settings: merged(rows),
      version: last ? Number(last.version) : 0,
      updatedAt: last?.updated_at ?? null,
      updatedBy: last?.username ?? null,
      rows,
    };
  }

  async function some<K extends PlatformSettingKey>(keys: readonly K[]): Promise<Pick<PlatformSettings, K>> {
    const all = merged(await repo.findValues(db, keys));
    return Object.fromEntries(keys.map((k) => [k, all[k]])) as Pick<PlatformSettings, K>;
  }

  return {
    /** Every setting with its version (the system administrator's page). */
    async get(): Promise<PlatformSettingsState> {
      const { rows: _rows, ...s } = await state(db);
      return s;
    },

    /** The names and the support line: what the login page shows before anyone signs in. */
    login: (): Promise<LoginSettings> => some(LOGIN_KEYS),

    /** The presentation settings every signed-in user (and the wall screen) reads. */
    public: (): Promise<PublicSettings> => some(PUBLIC_KEYS),

    /** The wall screen's timing. */
    wallTiming: () => some(['wallPanelSeconds', 'wallRefreshSeconds'] as const),

    /** The hour (Asia/Shanghai) from which the daily digest goes out. */
    digestHour: async () => (await some(['digestHour'] as const)).digestHour,

    async update(actor: AuditActor, body: UpdatePlatformSettingsBody): Promise<PlatformSettingsState> {
      const next = platformSettingsSchema.parse(body.settings);
      const nowIso = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const before = await state(trx);
        if (before.version !== body.version) throw new AppError('SETTINGS_STALE');
        const changed = PLATFORM_SETTING_KEYS.filter(
          (k) => JSON.stringify(before.settings[k]) !== JSON.stringify(next[k]),
        );
        if (changed.length === 0) {
          const { rows: _rows, ...same } = before;
          return same;
        }
        const version = before.version + 1;
        const rowOf = new Map(before.rows.map((r) => [r.key, r]));
        for (const key of changed) {
          const saved = await repo.saveValue(
            trx,
            { key, value: JSON.stringify(next[key]), version, updated_by: actor.userId, updated_at: nowIso },
            rowOf.has(key) ? Number(rowOf.get(key)!.version) : null,
          );
          if (!saved) throw new AppError('SETTINGS_STALE');
        }
        await audit.record(trx, actor, {
          action: 'platform_settings_change',
          objectType: 'platform_settings',
          objectId: 'platform',
          details: {
            version,
            old: Object.fromEntries(changed.map((k) => [k, before.settings[k]])),
            new: Object.fromEntries(changed.map((k) => [k, next[k]])),
          },
        });
        const after = await state(trx);
        const { rows: _rows, ...s } = after;
        return s;
      });
    },
  };
}
