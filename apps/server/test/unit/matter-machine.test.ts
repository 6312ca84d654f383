import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MATTER_ACTIONS,
  MATTER_PARTIES,
  MATTER_STATES,
  ROLE_PERMISSIONS,
  type MatterAction,
  type MatterParty,
  type MatterState,
  type Role,
} from '@xinhuo/shared';
import {
  availableActions,
  decide,
  type MachineContext,
} from '../../src/modules/matters/workflow/matter-machine';
import { machineInput, partiesFor } from '../../src/modules/matters/matter-access';
import type { Caller } from '../../src/platform/caller';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';

// The expected workflow, written out independently of the rule table: action:party → from states → to ('=' keeps).
const ALLOWED: Record<string, Record<string, MatterState | '='>> = {
  'dispatch:dispatcher': { registered: 'dispatched' },
  'sign:lead': { dispatched: 'in_progress' },
  'sign:co_unit': { dispatched: '=', returned: '=', in_progress: '=', submitted: '=' },
  'return:lead': { dispatched: 'returned' },
  'return:co_unit': { dispatched: '=', returned: '=', in_progress: '=' },
  'uphold_return:dispatcher': { returned: 'dispatched' },
  'overrule_return:dispatcher': { returned: 'in_progress' },
  'rule_co_return:dispatcher': { dispatched: '=', returned: '=', in_progress: '=', submitted: '=' },
  'progress:lead': { in_progress: '=' },
  'progress:co_unit': { in_progress: '=' },
  'co_reply:co_unit': { dispatched: '=', returned: '=', in_progress: '=', submitted: '=' },
  'request_extension:lead': { in_progress: '=' },
  'decide_extension:dispatcher': { in_progress: '=' },
  'submit:lead': { in_progress: 'submitted' },
  'accept:verifier': { submitted: 'awaiting_feedback' },
  'reject:verifier': { submitted: 'in_progress' },
  'rate:raiser': { awaiting_feedback: 'closed' },
  'reopen:dispatcher': { dissatisfied: 'in_progress' },
  'close_dissatisfied:dispatcher': { dissatisfied: 'closed' },
  'close_no_response:system': { awaiting_feedback: 'closed' },
  'close_side:dispatcher': {
    registered: 'closed',
    dispatched: 'closed',
    returned: 'closed',
    in_progress: 'closed',
  },
};

/** A context in which every guard of the action passes (guards are tested on their own below). */
function happy(action: MatterAction, party: MatterParty): MachineContext {
  const signedParts: MatterAction[] = ['co_reply', 'progress'];
  return {
    assignmentStatus: signedParts.includes(action) ? 'signed' : 'pending',
    hasPendingExtension: action === 'decide_extension',
    hasPendingCoReturn: action === 'rule_co_return',
    rating: action === 'rate' && party === 'raiser' ? 'satisfied' : undefined,
  };
}

describe('matter state machine: every state × action × party', () => {
  for (const action of MATTER_ACTIONS) {
    const partiesWithRule = new Set(MATTER_PARTIES.filter((p) => ALLOWED[`${action}:${p}`]));
    for (const party of MATTER_PARTIES) {
      test(`${action} by ${party}`, () => {
        const expected = ALLOWED[`${action}:${party}`] ?? {};
        for (const state of MATTER_STATES) {
          const d = decide(state, action, [party], happy(action, party), true);
          const to = expected[state];
          if (to) {
            assert.equal(d.ok, true, `${state} should allow ${action} by ${party}: ${JSON.stringify(d)}`);
            if (d.ok) assert.equal(d.to, to === '=' ? state : to, `${state} → ?`);
          } else {
            const code = partiesWithRule.has(party) ? 'MATTER_ILLEGAL_TRANSITION' : 'MATTER_ACTION_FORBIDDEN';
            assert.deepEqual(d, { ok: false, code }, `${state}: ${action} by ${party}`);
          }
        }
      });
    }
  }
});

describe('guards and reasons', () => {
  const cases: [string, MatterState, MatterAction, MatterParty, MachineContext, boolean, string | null][] = [
    [
      'a unit signs only once',
      'dispatched',
      'sign',
      'lead',
      { assignmentStatus: 'signed' },
      true,
      'MATTER_ALREADY_SIGNED',
    ],
    [
      'no 退单 after 签收',
      'in_progress',
      'return',
      'co_unit',
      { assignmentStatus: 'signed' },
      true,
      'MATTER_ALREADY_SIGNED',
    ],
    [
      '退单 needs a reason',
      'dispatched',
      'return',
      'lead',
      { assignmentStatus: 'pending' },
      false,
      'MATTER_REASON_REQUIRED',
    ],
    [
      'a co-unit replies only after signing',
      'in_progress',
      'co_reply',
      'co_unit',
      { assignmentStatus: 'pending' },
      true,
      'MATTER_NOT_SIGNED',
    ],
    [
      'one extension request at a time',
      'in_progress',
      'request_extension',
      'lead',
      { hasPendingExtension: true },
      true,
      'MATTER_EXTENSION_PENDING',
    ],
    [
      'no decision without a request',
      'in_progress',
      'decide_extension',
      'dispatcher',
      { hasPendingExtension: false },
      true,
      'MATTER_NO_EXTENSION_PENDING',
    ],
    [
      'no ruling without a co-unit return',
      'in_progress',
      'rule_co_return',
      'dispatcher',
      { hasPendingCoReturn: false },
      true,
      'MATTER_NO_RETURN_PENDING',
    ],
    ['查办 rejection needs a reason', 'submitted', 'reject', 'verifier', {}, false, 'MATTER_REASON_REQUIRED'],
    [
      '不满意 needs a reason',
      'awaiting_feedback',
      'rate',
      'raiser',
      { rating: 'dissatisfied' },
      false,
      'MATTER_REASON_REQUIRED',
    ],
    ['满意 needs none', 'awaiting_feedback', 'rate', 'raiser', { rating: 'satisfied' }, false, null],
    [
      'side exits need a reason',
      'registered',
      'close_side',
      'dispatcher',
      {},
      false,
      'MATTER_REASON_REQUIRED',
    ],
  ];
  for (const [name, state, action, party, ctx, hasReason, code] of cases) {
    test(name, () => {
      const d = decide(state, action, [party], ctx, hasReason);
      if (code) assert.deepEqual(d, { ok: false, code });
      else assert.equal(d.ok, true);
    });
  }

  test('不满意 goes to review, 满意 and 基本满意 close', () => {
    const to = (rating: 'satisfied' | 'basic' | 'dissatisfied') => {
      const d = decide('awaiting_feedback', 'rate', ['raiser'], { rating }, true);
      return d.ok ? d.to : d.code;
    };
    assert.equal(to('satisfied'), 'closed');
    assert.equal(to('basic'), 'closed');
    assert.equal(to('dissatisfied'), 'dissatisfied');
  });
});

// --- Roles: how a user's permissions and scope make them a party to a matter --------------------------------

const CITY = '/c/';
const TOWN_A = '/c/ta/';
const VILLAGE = '/c/ta/va/';
const DEPT = '/c/d/';
const caller = (role: Role, scope: string, userId = `u-${role}`): Caller => ({
  userId,
  scopePaths: [scope],
  permissions: ROLE_PERMISSIONS[role],
  actor: SYSTEM_ACTOR,
});
const matter = (state: MatterState) =>
  ({ id: 'm', org_path: VILLAGE, raised_by_user_id: 'someone', state, ext_requested_due: null }) as never;
const assignment = (role: 'lead' | 'co', unitPath: string, status = 'pending') =>
  ({ id: `a-${role}`, role, unit_path: unitPath, unit_id: unitPath.split('/').at(-2), status }) as never;

describe('who may act, per role (parties from permissions and scope)', () => {
  const assignments = [assignment('lead', DEPT), assignment('co', TOWN_A)];
  const rows: [string, Caller, MatterState, MatterAction, string | true][] = [
    ['city admin dispatches', caller('city_admin', CITY), 'registered', 'dispatch', true],
    ['city admin verifies', caller('city_admin', CITY), 'submitted', 'accept', true],
    [
      'city admin cannot sign for a unit',
      caller('city_admin', CITY),
      'dispatched',
      'sign',
      'MATTER_ACTION_FORBIDDEN',
    ],
    [
      'city admin cannot rate',
      caller('city_admin', CITY),
      'awaiting_feedback',
      'rate',
      'MATTER_ACTION_FORBIDDEN',
    ],
    ['town staff dispatches its own town', caller('town_staff', TOWN_A), 'registered', 'dispatch', true],
    ['town staff signs as the co-unit', caller('town_staff', TOWN_A), 'dispatched', 'sign', true],
    [
      'another town is no party at all',
      caller('town_staff', '/c/tb/'),
      'registered',
      'dispatch',
      'MATTER_ACTION_FORBIDDEN',
    ],
    [
      'village secretary rates its village',
      caller('village_secretary', VILLAGE),
      'awaiting_feedback',
      'rate',
      true,
    ],
    [
      'village secretary cannot verify',
      caller('village_secretary', VILLAGE),
      'submitted',
      'accept',
      'MATTER_ACTION_FORBIDDEN',
    ],
    [
      'village secretary cannot rate another village',
      caller('village_secretary', '/c/ta/vb/'),
      'awaiting_feedback',
      'rate',
      'MATTER_ACTION_FORBIDDEN',
    ],
    ['department signs as lead', caller('dept_handler', DEPT), 'dispatched', 'sign', true],
    ['department submits', caller('dept_handler', DEPT), 'in_progress', 'submit', true],
    [
      'department cannot verify its own work',
      caller('dept_handler', DEPT),
      'submitted',
      'accept',
      'MATTER_ACTION_FORBIDDEN',
    ],
    [
      'an unassigned department is no party',
      caller('dept_handler', '/c/d2/'),
      'dispatched',
      'sign',
      'MATTER_ACTION_FORBIDDEN',
    ],
    ['a leader only reads', caller('leader', CITY), 'registered', 'dispatch', 'MATTER_ACTION_FORBIDDEN'],
    [
      'the audit admin is no party',
      caller('audit_admin', CITY),
      'submitted',
      'accept',
      'MATTER_ACTION_FORBIDDEN',
    ],
  ];
  for (const [name, c, state, action, expected] of rows) {
    test(name, () => {
      const m = matter(state);
      const cp = partiesFor(c, m, assignments);
      const mi = machineInput(action, m, assignments, cp);
      const d = decide(state, action, mi.parties, { ...mi.ctx, rating: 'satisfied' }, true);
      if (expected === true) assert.equal(d.ok, true, JSON.stringify(d));
      else assert.deepEqual(d, { ok: false, code: expected });
    });
  }

  test('the buttons: a department sees sign and return on a fresh assignment, nothing else', () => {
    const m = matter('dispatched');
    const c = caller('dept_handler', DEPT);
    const cp = partiesFor(c, m, assignments);
    assert.deepEqual(
      availableActions('dispatched', (a) => machineInput(a, m, assignments, cp)),
      ['sign', 'return'],
    );
  });

  test('the buttons: the city sees dispatch and the side exits on a registered matter', () => {
    const m = matter('registered');
    const cp = partiesFor(caller('city_admin', CITY), m, []);
    assert.deepEqual(
      availableActions('registered', (a) => machineInput(a, m, [], cp)),
      ['dispatch', 'close_side'],
    );
  });
});
