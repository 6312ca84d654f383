import type { MeetingCadence, MeetingHostLevel, ParticipantRole } from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import { can, type Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import { AppError, fieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import { isWithin } from '../../platform/http/scope';
import type { OrgService } from '../org';
import type { MatterService, RaiseInput } from '../matters';
import type { PeopleService } from '../people';
import * as repo from './meetings.repository';
import {
  MEETING_SIGN_IN_COLUMNS,
  SIGN_IN_SHEET_NAME,
  judgeSheetRows,
  sheetIdNumber,
  type SheetRow,
} from './sign-in-sheet';
import { writeImportTemplate } from '../../platform/excel/import-template';
import { readImportWorkbook } from '../../platform/excel/import-reader';
import type { MeetingParticipantsTable, MeetingsTable } from './meetings.tables';

export interface ParticipantInput {
  personId?: string | null;
  orgId?: string | null;
  name: string;
  role: ParticipantRole;
  attended: boolean;
  spoke: boolean;
  speechTopic?: string | null;
}

export interface MeetingInput {
  seriesId?: string | null;
  title: string;
  meetingDate: string;
  hostLevel: MeetingHostLevel;
  hostOrgId: string;
  venueOrgId?: string | null;
  venueText?: string | null;
  topic?: string | null;
  minutes?: string | null;
  participants?: ParticipantInput[];
}

const HOST_KINDS: Record<MeetingHostLevel, readonly string[]> = {
  city: ['city'],
  town: ['town'],
  organ: ['organ', 'department'],
};

export type MeetingService = ReturnType<typeof createMeetingService>;

export function createMeetingService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  orgs: OrgService;
  people: PeopleService;
  matters: MatterService;
}) {
  const { db, clock, audit, orgs, people, matters } = deps;

  /** A meeting the caller may see, or 404 (out-of-scope hits are audited). */
  async function loadMeeting(caller: Caller, id: string) {
    return loadInScopeOr404({
      audit,
      caller,
      objectType: 'meeting',
      id,
      find: () => repo.findById(db, id, caller.scopePaths),
      exists: () => repo.findByIdUnscoped(db, id),
    });
  }

  /** Editing is for meetings:write holders whose scope covers the host org. */
  const mayEdit = (caller: Caller, m: Pick<MeetingsTable, 'org_path'>) =>
    can(caller, 'meetings:write') && isWithin(m.org_path, caller.scopePaths);

  /** Host, venue, series and participants checked against the caller's scope; returns the derived columns. */
  async function checkInput(caller: Caller, input: MeetingInput) {
    const host = await orgs.loadInScope(caller, input.hostOrgId).catch(() => null);
    if (!host || !HOST_KINDS[input.hostLevel].includes(host.kind))
      throw new AppError('MEETING_HOST_INVALID', {
        fields: [{ path: 'hostOrgId', reason: 'invalid_value' }],
      });
    let venuePath: string | null = null;
    if (input.venueOrgId) {
      const venue = await orgs.loadInScope(caller, input.venueOrgId).catch(() => null);
      if (!venue) throw fieldError('venueOrgId', 'invalid_value');
      venuePath = venue.path;
    }
    if (input.seriesId && (await repo.findSeries(db, caller.scopePaths, input.seriesId)).length === 0)
      throw new AppError('MEETING_SERIES_INVALID');
    const personIds = (input.participants ?? []).map((p) => p.personId).filter((x): x is string => !!x);
    const known = await repo.findPersonsInScope(db, personIds, caller.scopePaths);
    personIds.forEach((pid, i) => {
      if (!known.has(pid)) throw fieldError(`participants.${i}.personId`, 'invalid_value');
    });
    return { host, venuePath };
  }

  function participantRows(meetingId: string, ps: readonly ParticipantInput[]): MeetingParticipantsTable[] {
    return ps.map((p, i) => ({
      id: newId(clock.now().getTime()),
      meeting_id: meetingId,
      person_id: p.personId ?? null,
      org_id: p.orgId ?? null,
      name: p.name,
      role: p.role,
      attended: p.attended ? 1 : 0,
      spoke: p.spoke ? 1 : 0,
      speech_topic: p.speechTopic ?? null,
      sort_order: i,
    }));
  }

  function toItem(
    r: Awaited<ReturnType<typeof repo.findById>> & object,
    counts?: { participants: number; speakers: number },
    showMinutes = true,
  ) {
    return {
      id: r.id,
      seriesId: r.series_id,
      seriesName: r.series_name ?? null,
      title: r.title,
      meetingDate: r.meeting_date,
      hostLevel: r.host_level,
      hostOrgId: r.host_org_id,
      hostOrgName: r.host_org_name,
      venueOrgId: r.venue_org_id,
      venueName: r.venue_name ?? r.venue_text ?? null,
      topic: r.topic,
      isPublished: r.is_published === 1,
      publishedAt: r.published_at,
      minutes: showMinutes ? r.minutes : null,
      participantCount: Number(counts?.participants ?? 0),
      speakerCount: Number(counts?.speakers ?? 0),
      version: r.version,
    };
  }

  return {
    loadMeeting,

    /** A meeting series (e.g. the quarterly 书记讲给书记听) hosted by an org in the caller's scope. */
    async createSeries(
      caller: Caller,
      s: {
        name: string;
        hostLevel: MeetingHostLevel;
        hostOrgId: string;
        cadence: MeetingCadence;
        description?: string | null;
      },
    ) {
      const host = await orgs.loadInScope(caller, s.hostOrgId).catch(() => null);
      if (!host || !HOST_KINDS[s.hostLevel].includes(host.kind)) throw new AppError('MEETING_HOST_INVALID');
      const now = clock.now().toISOString();
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (trx) => {
        await repo.insertSeries(trx, {
          id,
          name: s.name,
          host_level: s.hostLevel,
          host_org_id: host.id,
          org_path: host.path,
          cadence: s.cadence,
          description: s.description ?? null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await audit.record(trx, caller.actor, {
          action: 'meeting_series_create',
          objectType: 'meeting_series',
          objectId: id,
          details: { name: s.name },
        });
      });
      return id;
    },

    async listSeries(caller: Caller) {
      const rows = await repo.findSeries(db, caller.scopePaths);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        hostLevel: r.host_level,
        hostOrgId: r.host_org_id,
        hostOrgName: r.host_org_name,
        cadence: r.cadence,
        description: r.description,
      }));
    },

    /** The blank 签到表 workbook in the given language. */
    signInTemplate(lang: 'zh-CN' | 'en'): Promise<Buffer> {
      return writeImportTemplate(MEETING_SIGN_IN_COLUMNS, { lang, sheetName: SIGN_IN_SHEET_NAME, rows: 500 });
    },

    /**
     * A 签到表 (.xlsx) read into participants for the meeting form: people of the roster in the caller's
     * scope (by ID number, or by name and unit), guests by name. Nothing is stored; a sheet with any
     * bad row is refused whole, naming the rows.
     */
    async readSignInSheet(caller: Caller, bytes: Buffer) {
      if (!can(caller, 'meetings:write')) throw new AppError('FORBIDDEN');
      const rows: SheetRow[] = [];
      await readImportWorkbook(bytes, MEETING_SIGN_IN_COLUMNS, {
        limits: { maxRows: 500 },
        onRow: (r) => {
          const v = (k: string) => r.values[k] ?? '';
          rows.push({
            row: r.row,
            name: v('name'),
            unit: v('unit'),
            role: v('role'),
            idNumber: v('idNumber'),
            signature: v('signature'),
            findings: r.findings.map((f) => ({ column: f.column, reason: f.reason })),
          });
        },
      });
      const idNumbers: string[] = [];
      for (const r of rows) {
        const id = sheetIdNumber(r.idNumber);
        if ('id' in id && id.id) idNumbers.push(id.id);
      }
      const names = rows.map((r) => r.name.replace(/\s+/g, '')).filter((n) => n !== '');
      const found = await people.signInCandidates(caller, idNumbers, names);
      const judged = judgeSheetRows(rows, found.byId, found.byName);
      if (judged.errors.length > 0) throw new AppError('MEETING_SIGN_IN_ROWS', { fields: judged.errors });
      return {
        rows: rows.length,
        fromRoster: judged.participants.filter((p) => p.personId).length,
        participants: judged.participants,
      };
    },

    /** Record a meeting with its participants (attendance, who spoke); minutes stay private until published. */
    async createMeeting(caller: Caller, input: MeetingInput): Promise<string> {
      const { host, venuePath } = await checkInput(caller, input);
      const now = clock.now().toISOString();
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, {
          id,
          series_id: input.seriesId ?? null,
          title: input.title,
          meeting_date: input.meetingDate,
          host_level: input.hostLevel,
          host_org_id: host.id,
          org_path: host.path,
          venue_org_id: input.venueOrgId ?? null,
          venue_path: venuePath,
          venue_text: input.venueText ?? null,
          topic: input.topic ?? null,
          minutes: input.minutes ?? null,
          is_published: 0,
          published_at: null,
          created_by: caller.userId,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await repo.replaceParticipants(trx, id, participantRows(id, input.participants ?? []));
        await audit.record(trx, caller.actor, {
          action: 'meeting_create',
          objectType: 'meeting',
          objectId: id,
          details: { title: input.title, date: input.meetingDate },
        });
      });
      return id;
    },

    /** Change a meeting (participants are replaced when given); optimistic on version. */
    async updateMeeting(caller: Caller, id: string, version: number, input: MeetingInput) {
      const m = await loadMeeting(caller, id);
      if (!mayEdit(caller, m)) throw new AppError('FORBIDDEN');
      const { host, venuePath } = await checkInput(caller, input);
      await db.transaction().execute(async (trx) => {
        const ok = await repo.update(trx, id, version, {
          series_id: input.seriesId ?? null,
          title: input.title,
          meeting_date: input.meetingDate,
          host_level: input.hostLevel,
          host_org_id: host.id,
          org_path: host.path,
          venue_org_id: input.venueOrgId ?? null,
          venue_path: venuePath,
          venue_text: input.venueText ?? null,
          topic: input.topic ?? null,
          minutes: input.minutes ?? null,
          updated_at: clock.now().toISOString(),
        });
        if (!ok) throw new AppError('VERSION_CONFLICT');
        if (input.participants)
          await repo.replaceParticipants(trx, id, participantRows(id, input.participants));
        await audit.record(trx, caller.actor, {
          action: 'meeting_update',
          objectType: 'meeting',
          objectId: id,
          details: { title: input.title },
        });
      });
    },

    /** Publish (or withdraw) the minutes. */
    async setPublished(caller: Caller, id: string, version: number, published: boolean) {
      const m = await loadMeeting(caller, id);
      if (!mayEdit(caller, m)) throw new AppError('FORBIDDEN');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (
          !(await repo.update(trx, id, version, {
            is_published: published ? 1 : 0,
            published_at: published ? now : null,
            updated_at: now,
          }))
        ) {
          throw new AppError('VERSION_CONFLICT');
        }
        await audit.record(trx, caller.actor, {
          action: published ? 'meeting_publish' : 'meeting_unpublish',
          objectType: 'meeting',
          objectId: id,
        });
      });
    },

    /** Meetings in the caller's view (list and calendar), newest first. */
    async listMeetings(
      caller: Caller,
      f: { from?: string; to?: string; seriesId?: string; hostLevel?: MeetingHostLevel; orgId?: string },
      page: { offset: number; limit: number },
    ) {
      const underPath = f.orgId ? (await orgs.loadInScope(caller, f.orgId)).path : undefined;
      const { total, rows } = await repo.list(db, caller.scopePaths, { ...f, underPath }, page);
      const counts = await repo.countParticipants(
        db,
        rows.map((r) => r.id),
      );
      const items = rows.map((r) => {
        const c = counts.find((x) => x.meeting_id === r.id);
        return toItem(
          r as never,
          c && { participants: Number(c.participants), speakers: Number(c.speakers) },
          r.is_published === 1 || mayEdit(caller, r),
        );
      });
      return { items, total };
    },

    /** The header search: visible meetings whose title contains the words, newest first. */
    async findByTitle(caller: Caller, words: string, limit: number) {
      const rows = await repo.findByTitle(db, caller.scopePaths, words.trim(), limit);
      return rows.map((r) => ({ id: r.id, title: r.title, meetingDate: r.meeting_date }));
    },

    /** One meeting with participants, the matters raised at it and the 回头看 of earlier meetings. */
    /** For files attached to a meeting: its org path (404 when not visible) and whether the caller may edit it. */
    async contributionAccess(caller: Caller, id: string) {
      const m = await loadMeeting(caller, id);
      return { orgPath: m.org_path, takesPart: mayEdit(caller, m), isFinal: false };
    },

    async getMeeting(caller: Caller, id: string) {
      const m = await loadMeeting(caller, id);
      const participants = await repo.findParticipants(db, id);
      const counts = {
        participants: participants.length,
        speakers: participants.filter((p) => p.spoke === 1).length,
      };
      const raised = can(caller, 'matters:read')
        ? (
            await matters.listMatters(
              caller,
              { meetingId: id, sort: 'raisedAt', order: 'asc' },
              { offset: 0, limit: 200 },
            )
          ).items
        : [];
      return {
        ...toItem(m, counts, m.is_published === 1 || mayEdit(caller, m)),
        canEdit: mayEdit(caller, m),
        participants: participants.map((p) => ({
          id: p.id,
          personId: p.person_id,
          orgId: p.org_id,
          name: p.name,
          role: p.role,
          attended: p.attended === 1,
          spoke: p.spoke === 1,
          speechTopic: p.speech_topic,
        })),
        matters: raised,
      };
    },

    /** Matters raised at the meeting, created from the meeting page in one step. */
    async raiseAtMeeting(caller: Caller, id: string, items: readonly Omit<RaiseInput, 'meetingId'>[]) {
      await loadMeeting(caller, id);
      return matters.raiseMatters(
        caller,
        items.map((i) => ({ ...i, meetingId: id })),
      );
    },
  };
}
