import {
  tablePrefBody,
  type GlobalSearch,
  type ListPrefKey,
  type TablePrefBody,
  type TablePrefKey,
} from '@xinhuo/shared';
import type { Db } from '../../database';
import type { Caller } from '../../platform/caller';
import { can } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { PeopleService } from '../people';
import type { MatterService } from '../matters';
import type { MeetingService } from '../meetings';
import { DIGEST_PREF } from './daily-digest';
import * as repo from './workspace.repository';

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;

/** Hits per kind in the header search. */
const HITS = 5;

/**
 * The user's workspace: the last filters of each list and each table's column settings (preferences of the caller only, not audited: it
 * holds no data beyond the caller's own query) and the header search across people, matters and meetings,
 * each kind through its own module's scoped finder and only with the permission to read it.
 */
export function createWorkspaceService(deps: {
  db: Db;
  clock: Clock;
  people: PeopleService;
  matters: MatterService;
  meetings: MeetingService;
}) {
  const { db, clock } = deps;
  const self = (caller: Caller) => {
    if (!caller.userId) throw new AppError('NOT_FOUND');
    return caller.userId;
  };
  return {
    async getListPref(caller: Caller, key: ListPrefKey): Promise<string | null> {
      return (await repo.findPref(db, self(caller), `list.${key}`))?.value ?? null;
    },

    async setListPref(caller: Caller, key: ListPrefKey, query: string): Promise<void> {
      await repo.upsertPref(db, self(caller), `list.${key}`, query, clock.now().toISOString());
    },

    /** A table's column settings; a stored value the schema no longer accepts reads as none (defaults). */
    async getTablePref(caller: Caller, key: TablePrefKey): Promise<TablePrefBody | null> {
      const row = await repo.findPref(db, self(caller), `table.${key}`);
      if (!row) return null;
      let value: unknown;
      try {
        value = JSON.parse(row.value);
      } catch {
        return null;
      }
      const parsed = tablePrefBody.safeParse(value);
      return parsed.success ? parsed.data : null;
    },

    async setTablePref(caller: Caller, key: TablePrefKey, pref: TablePrefBody): Promise<void> {
      const value = JSON.stringify({ hidden: pref.hidden, density: pref.density });
      await repo.upsertPref(db, self(caller), `table.${key}`, value, clock.now().toISOString());
    },

    /** Whether the caller receives the daily digest (off until they opt in). */
    async getDigestPref(caller: Caller): Promise<boolean> {
      return (await repo.findPref(db, self(caller), DIGEST_PREF))?.value === 'on';
    },

    async setDigestPref(caller: Caller, enabled: boolean): Promise<void> {
      const value = enabled ? 'on' : 'off';
      await repo.upsertPref(db, self(caller), DIGEST_PREF, value, clock.now().toISOString());
    },

    async search(caller: Caller, q: string): Promise<GlobalSearch> {
      const text = q.trim();
      const [people, matters, meetings] = await Promise.all([
        can(caller, 'roster:read') ? deps.people.findByName(caller, text, HITS) : [],
        can(caller, 'matters:read') ? deps.matters.findByNumber(caller, text, HITS) : [],
        can(caller, 'meetings:read') && [...text].length >= 2
          ? deps.meetings.findByTitle(caller, text, HITS)
          : [],
      ]);
      return { people, matters, meetings };
    },
  };
}
