/**
 * Test factories: one call per record a scenario needs, with sensible defaults and every field
 * overridable. They go through the services and HTTP — the public surface — never the repositories,
 * so a test set-up exercises the same rules the application does (an org's kind under its parent, a
 * person's ID number, the two-party account grant, the matter workflow).
 */
import assert from 'node:assert/strict';
import {
  makeIdNumber,
  type ApprovedGrant,
  CreatedUser,
  type MatterState,
  type OrgKind,
  type OrgSubKind,
  type PartyOrgType,
  type Role,
  type TrainingKind,
} from '@xinhuo/shared';
import type { CreateOrgInput, OrgDto } from '../../src/modules/org';
import type { PersonInput } from '../../src/modules/people';
import type { MeetingInput } from '../../src/modules/meetings';
import type { ActionBody, RaiseInput } from '../../src/modules/matters';
import type { Services } from '../../src/composition';
import { SYSTEM_CALLER, type Caller } from '../../src/platform/caller';
import type { TestEnv } from './test-env';

/** The password of every account the tests create. */
export const TEST_PASSWORD = 'Test#Pass2024x';

let idSeq = 100;
/** A valid synthetic ID number (region 320582) for a birth date and gender. */
export function testIdNumber(birthDate: string, gender: '1' | '2'): string {
  idSeq = (idSeq + 2) % 1000;
  return makeIdNumber('320582', birthDate, idSeq - (idSeq % 2) + (gender === '1' ? 1 : 0));
}

/** What the service factories need: the composed services (a TestEnv, or services composed by hand). */
export interface FactoryCtx {
  services: Services;
}

/** A record or its id, wherever a factory takes a reference to another record. */
type Ref = string | { id: string };
const idOf = (r: Ref) => (typeof r === 'string' ? r : r.id);

let seq = 0;
/** A per-process counter for names that must be unique (usernames, org names). */
const next = () => ++seq;

/** The sub-kind an org of a kind gets unless the test names one. */
const DEFAULT_SUB_KIND: Record<OrgKind, OrgSubKind> = {
  city: 'city',
  town: 'town',
  village: 'village',
  organ: 'organ',
  department: 'department',
};
const KIND_NAME: Record<OrgKind, string> = {
  city: '市',
  town: '镇',
  village: '村',
  organ: '机关',
  department: '局',
};

export interface OrgOverrides {
  /** The parent org; none makes a root (a city). */
  parent?: Ref | null;
  /** Defaults to `village` under a parent, `city` at the root. */
  kind?: OrgKind;
  subKind?: OrgSubKind;
  name?: string;
  /** Villages need one; defaults to `branch` for a village. */
  partyOrgType?: PartyOrgType | null;
  code?: string | null;
  sortOrder?: number;
  caller?: Caller;
}

/** An org, created by the org service (its kind checked against its parent's). */
export async function makeOrg(ctx: FactoryCtx, o: OrgOverrides = {}): Promise<OrgDto> {
  const parentId = o.parent ? idOf(o.parent) : null;
  const kind = o.kind ?? (parentId ? 'village' : 'city');
  const input: CreateOrgInput = {
    parentId,
    name: o.name ?? `测试${KIND_NAME[kind]}${next()}`,
    kind,
    subKind: o.subKind ?? DEFAULT_SUB_KIND[kind],
    ...(o.partyOrgType !== undefined || kind === 'village'
      ? { partyOrgType: o.partyOrgType !== undefined ? o.partyOrgType : 'branch' }
      : {}),
    ...(o.code !== undefined ? { code: o.code } : {}),
    ...(o.sortOrder !== undefined ? { sortOrder: o.sortOrder } : {}),
  };
  return ctx.services.orgs.createOrg(o.caller ?? SYSTEM_CALLER, input);
}

export type PersonOverrides = Partial<Omit<PersonInput, 'orgId' | 'gender' | 'birthDate'>> & {
  /** The org the person belongs to (required: a person is always on some org's roster). */
  org: Ref;
  /** Drives the synthetic ID number unless `idNumber` is given. */
  gender?: '1' | '2';
  birthDate?: string;
  /** Shorthand for `fullTimeEducation`. */
  education?: string | null;
  caller?: Caller;
};

export interface MadePerson extends PersonInput {
  id: string;
}

/** A person, created by the people service with a valid synthetic ID number for their gender and birth date. */
export async function makePerson(ctx: FactoryCtx, o: PersonOverrides): Promise<MadePerson> {
  const { org, education, caller, gender = '1', birthDate = '1980-01-01', ...rest } = o;
  const idNumber = rest.idNumber ?? testIdNumber(birthDate, gender);
  const input: PersonInput = {
    name: '测试人员',
    ethnicity: '01',
    politicalStatus: '01',
    fullTimeEducation: education !== undefined ? education : '21',
    // Numbered like the ID numbers, so the people of one scenario have different phones.
    phone: `138${String(idSeq).padStart(8, '0')}`,
    ...rest,
    idNumber,
    orgId: idOf(org),
  };
  const id = await ctx.services.people.createPerson(caller ?? SYSTEM_CALLER, input);
  return { ...input, id };
}

export interface UserOverrides {
  roles?: Role[];
  /** The orgs the account's scope covers (none for the separated admin roles). */
  scope?: Ref[];
  username?: string;
  displayName?: string;
  password?: string;
}

export interface MadeUser {
  id: string;
  username: string;
  roles: Role[];
  orgIds: string[];
  /** A session cookie of the activated account, ready for `env.request`. */
  cookie: string;
}

/** The two administrators' sessions, one login per environment. */
const adminSessions = new WeakMap<object, Promise<{ sys: string; sec: string }>>();

/**
 * An account created the way the real flow requires (issue 7): the system administrator (`sysadm`)
 * requests it, the security administrator (`secadm`) approves and receives the activation code, the
 * holder activates it with a password and logs in. The environment must hold those two accounts
 * (createTestEnv's default users do).
 */
export async function makeUser(
  env: Pick<TestEnv, 'request' | 'login'>,
  o: UserOverrides = {},
): Promise<MadeUser> {
  let admins = adminSessions.get(env);
  if (!admins) {
    admins = Promise.all([env.login('sysadm'), env.login('secadm')]).then(([sys, sec]) => ({ sys, sec }));
    adminSessions.set(env, admins);
  }
  const { sys, sec } = await admins;
  const username = o.username ?? `user${next()}`;
  const roles = o.roles ?? ['town_staff'];
  const orgIds = (o.scope ?? []).map(idOf);
  const password = o.password ?? TEST_PASSWORD;
  const requested = await env.request(sys, {
    method: 'POST',
    url: '/api/admin/users',
    payload: { username, displayName: o.displayName ?? username, roles, orgIds },
  });
  assert.equal(requested.statusCode, 201, requested.body);
  const { grantId } = requested.json<CreatedUser>();
  const approved = await env.request(sec, { method: 'POST', url: `/api/admin/grants/${grantId}/approve` });
  assert.equal(approved.statusCode, 200, approved.body);
  const { userId, activationCode } = approved.json<ApprovedGrant>();
  assert.ok(userId && activationCode, 'the approver receives the new account and its code');
  const activated = await env.request(null, {
    method: 'POST',
    url: '/api/auth/activate',
    payload: { username, code: activationCode, newPassword: password },
  });
  assert.equal(activated.statusCode, 204, activated.body);
  return { id: userId, username, roles, orgIds, cookie: await env.login(username, password) };
}

export type MeetingOverrides = Partial<Omit<MeetingInput, 'hostOrgId' | 'venueOrgId'>> & {
  /** The hosting org; its kind must fit `hostLevel` (a town by default). */
  host: Ref;
  venue?: Ref | null;
  caller?: Caller;
};

export interface MadeMeeting extends MeetingInput {
  id: string;
}

/** A secretaries' meeting, created by the meeting service; hosted by a town unless told otherwise. */
export async function makeMeeting(ctx: FactoryCtx, o: MeetingOverrides): Promise<MadeMeeting> {
  const { host, venue, caller, ...rest } = o;
  const input: MeetingInput = {
    title: '书记讲给书记听',
    meetingDate: '2026-03-02',
    hostLevel: 'town',
    participants: [],
    ...rest,
    hostOrgId: idOf(host),
    ...(venue ? { venueOrgId: idOf(venue) } : {}),
  };
  const id = await ctx.services.loop.meetings.createMeeting(caller ?? SYSTEM_CALLER, input);
  return { ...input, id };
}

/** The actions that take a fresh matter to each state, by its lead unit and the dispatcher. */
const PATH_TO: Record<Exclude<MatterState, 'registered'>, readonly ActionBody['action'][]> = {
  dispatched: ['dispatch'],
  returned: ['dispatch', 'return'],
  in_progress: ['dispatch', 'sign'],
  submitted: ['dispatch', 'sign', 'submit'],
  awaiting_feedback: ['dispatch', 'sign', 'submit', 'accept'],
  dissatisfied: ['dispatch', 'sign', 'submit', 'accept', 'rate'],
  closed: ['dispatch', 'sign', 'submit', 'accept', 'rate'],
};

export type MatterOverrides = Partial<Omit<RaiseInput, 'villageId' | 'meetingId'>> & {
  village: Ref;
  meeting?: Ref;
  /** The state to drive the matter to through the workflow (default: just registered). */
  state?: MatterState;
  /** The lead unit it is dispatched to, needed for any state past `registered`. */
  lead?: Ref;
  caller?: Caller;
};

export interface MadeMatter extends RaiseInput {
  id: string;
  state: MatterState;
  /** The version the next action must carry. */
  version: number;
}

/**
 * A matter raised by the matter service and driven through the workflow to the asked state:
 * dispatched to `lead`, signed, submitted, accepted, then rated (satisfied closes it, dissatisfied
 * leaves it open as `dissatisfied`).
 */
export async function makeMatter(ctx: FactoryCtx, o: MatterOverrides): Promise<MadeMatter> {
  const { village, meeting, state = 'registered', lead, caller = SYSTEM_CALLER, ...rest } = o;
  const input: RaiseInput = {
    title: '村集体经济项目审批慢',
    description: '村里的标准厂房项目审批材料已报送两个月，仍未批复，影响村级经济发展。',
    categoryCode: 'village_economy',
    raiserName: rest.raiserPersonId ? undefined : '陆婷婷',
    ...rest,
    villageId: idOf(village),
    ...(meeting ? { meetingId: idOf(meeting) } : {}),
  };
  const { matters, workflow } = ctx.services.loop;
  const [id] = await matters.raiseMatters(caller, [input]);
  let made: MadeMatter = { ...input, id: id!, state: 'registered', version: 1 };
  if (state === 'registered') return made;
  if (!lead) throw new Error(`makeMatter: a matter in state ${state} needs a lead unit`);
  const body: Partial<Record<ActionBody['action'], ActionBody>> = {
    dispatch: { action: 'dispatch', leadUnitId: idOf(lead) },
    return: { action: 'return', reason: '非本单位职责' },
    sign: { action: 'sign' },
    submit: { action: 'submit', resolution: '已办结', signOffName: '负责人' },
    accept: { action: 'accept' },
    // A dissatisfied rating must say why.
    rate:
      state === 'closed'
        ? { action: 'rate', rating: 'satisfied' }
        : { action: 'rate', rating: 'dissatisfied', comment: '问题仍未解决' },
  };
  for (const action of PATH_TO[state]) {
    const r = await workflow.act(caller, made.id, { ...body[action]!, version: made.version });
    made = { ...made, ...r };
  }
  assert.equal(made.state, state, `makeMatter reached ${made.state}, not ${state}`);
  return made;
}

export interface TrainingSessionOverrides {
  /** The program's owner (the session's scope); the city's when not given. */
  owner: Ref;
  kind?: TrainingKind;
  sessionDate?: string;
  hours?: number;
  capacity?: number;
  lecturerIds?: string[];
  caller?: Caller;
}

/** A training program with one session, created by the training service. */
export async function makeTrainingSession(
  ctx: FactoryCtx,
  o: TrainingSessionOverrides,
): Promise<{ programId: string; sessionId: string }> {
  const caller = o.caller ?? SYSTEM_CALLER;
  const date = o.sessionDate ?? '2026-03-10';
  const programId = await ctx.services.training.createProgram(caller, {
    name: '测试培训项目',
    kind: o.kind ?? 'spring_training',
    year: Number(date.slice(0, 4)),
    ownerOrgId: idOf(o.owner),
  });
  const sessionId = await ctx.services.training.createSession(caller, {
    programId,
    title: '测试培训课',
    sessionDate: date,
    startTime: '09:00',
    endTime: '11:30',
    venue: '党群服务中心',
    hours: o.hours ?? 2.5,
    capacity: o.capacity ?? 50,
    lecturers: (o.lecturerIds ?? []).map((personId) => ({ personId, topic: '村级经济' })),
  });
  return { programId, sessionId };
}
