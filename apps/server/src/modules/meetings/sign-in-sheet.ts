import { PARTICIPANT_ROLES, parseIdNumber, type ParticipantRole } from '@xinhuo/shared';
import type { FieldError } from '../../platform/errors';
import type { ImportColumn } from '../../platform/excel/import-columns';

/*
 * A meeting's 签到表 (sign-in sheet), without I/O: its columns, and the judgement of its rows against
 * the roster. A row with an ID number must name that person (in the caller's scope, the name
 * matching); a row without one is matched by name and unit when exactly one person in scope fits, is a
 * guest (typed name) when nobody does, and an error when several do (the ID number tells them apart).
 */

export const MEETING_SIGN_IN_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', header: { zh: '姓名', en: 'Name' }, required: true, type: 'text', width: 12 },
  {
    key: 'unit',
    header: { zh: '单位', en: 'Unit' },
    aliases: ['所在单位', '村（社区）', '村社区', '工作单位'],
    type: 'text',
    note: {
      zh: '所在村或镇的名称；无身份证号时用于在花名册中找到同名人员，找不到的作为列席人员添加',
      en: 'The village or town; without an ID number it finds the person of that name on the roster, else the row is added as a guest',
    },
    width: 24,
  },
  {
    key: 'role',
    header: { zh: '参会身份', en: 'Role' },
    aliases: ['身份', '类别'],
    type: 'text',
    choices: ['主持', '发言', '参会', '列席'],
    note: { zh: '空白即为参会', en: 'Empty means attendee' },
    width: 10,
  },
  {
    key: 'idNumber',
    header: { zh: '身份证号', en: 'ID number' },
    aliases: ['公民身份号码', '身份证号码'],
    type: 'identifier',
    note: {
      zh: '可不填；填写时须为花名册中权限范围内的人员，姓名一致',
      en: 'Optional; when given it must be a person of the roster in your scope, with the same name',
    },
    width: 22,
  },
  { key: 'signature', header: { zh: '签到', en: 'Signed' }, aliases: ['签名'], type: 'text', width: 12 },
];

export const SIGN_IN_SHEET_NAME = { zh: '签到表', en: 'Sign-in sheet' };

export interface SheetRow {
  row: number;
  name: string;
  unit: string;
  role: string;
  idNumber: string;
  signature: string;
  /** Reader findings on the row's cells (a number that lost digits, …). */
  findings: { column: string; reason: string }[];
}

/** A person of the roster the sheet may name: where they sit, for the unit match. */
export interface RosterCandidate {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  townName: string | null;
}

export interface SheetParticipant {
  personId: string | null;
  orgId: string | null;
  name: string;
  role: ParticipantRole;
  attended: boolean;
  spoke: boolean;
}

/** The ID number of a row as stored (normalized), none, or the reason it cannot be one. */
export function sheetIdNumber(raw: string): { id: string | null } | { error: string } {
  if (raw.trim() === '') return { id: null };
  const parsed = parseIdNumber(raw);
  return parsed.ok ? { id: parsed.idNumber } : { error: parsed.error };
}

/** 参会身份 in either language (主持, 发言, 参会, 列席 / host, speaker, …); empty is an attendee. */
export function sheetRole(raw: string): ParticipantRole | null {
  const text = raw.trim().toLowerCase();
  if (text === '') return 'attendee';
  const names: Record<string, ParticipantRole> = {
    主持: 'host',
    主持人: 'host',
    发言: 'speaker',
    发言人: 'speaker',
    参会: 'attendee',
    列席: 'guest',
    嘉宾: 'guest',
  };
  if (names[text]) return names[text];
  return (PARTICIPANT_ROLES as readonly string[]).includes(text) ? (text as ParticipantRole) : null;
}

/** A unit cell fits a person when it names their org or their town (金港镇长江村, 长江村, 金港镇). */
function unitFits(unit: string, p: RosterCandidate): boolean {
  const u = unit.replace(/\s+/g, '');
  if (u === '') return true;
  return [p.orgName, p.townName ?? ''].some((n) => n !== '' && (u.includes(n) || n.includes(u)));
}

/**
 * Judges the rows: the participants in sheet order, or the errors by row (`rows.<n>.<column>`) — the
 * import is all or nothing. `byId` maps a normalized ID number to the person in scope holding it;
 * `byName` holds every person in scope whose name appears on the sheet.
 */
export function judgeSheetRows(
  rows: readonly SheetRow[],
  byId: ReadonlyMap<string, RosterCandidate>,
  byName: readonly RosterCandidate[],
): { participants: SheetParticipant[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const participants: SheetParticipant[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const at = (column: string) => `rows.${r.row}.${column}`;
    if (r.findings.length > 0) {
      for (const f of r.findings) errors.push({ path: at(f.column), reason: f.reason });
      continue;
    }
    const name = r.name.replace(/\s+/g, '');
    if (name === '') {
      errors.push({ path: at('name'), reason: 'required' });
      continue;
    }
    const role = sheetRole(r.role);
    if (!role) {
      errors.push({ path: at('role'), reason: 'invalid_value' });
      continue;
    }
    const id = sheetIdNumber(r.idNumber);
    if ('error' in id) {
      errors.push({ path: at('idNumber'), reason: id.error });
      continue;
    }
    let person: RosterCandidate | null = null;
    if (id.id) {
      person = byId.get(id.id) ?? null;
      if (!person) {
        errors.push({ path: at('idNumber'), reason: 'TRAINING_PERSON_UNKNOWN' });
        continue;
      }
      if (person.name !== name) {
        errors.push({ path: at('name'), reason: 'TRAINING_NAME_MISMATCH' });
        continue;
      }
    } else {
      const fits = byName.filter((p) => p.name === name && unitFits(r.unit, p));
      if (fits.length > 1) {
        errors.push({ path: at('name'), reason: 'MEETING_SIGN_IN_AMBIGUOUS' });
        continue;
      }
      person = fits[0] ?? null;
    }
    const key = person ? person.id : `guest:${name}`;
    if (seen.has(key)) {
      errors.push({ path: at('name'), reason: 'TRAINING_ROW_DUPLICATE' });
      continue;
    }
    seen.add(key);
    participants.push({
      personId: person?.id ?? null,
      orgId: person?.orgId ?? null,
      name: person?.name ?? name.slice(0, 50),
      role,
      attended: true,
      spoke: role === 'speaker',
    });
  }
  return { participants, errors };
}
