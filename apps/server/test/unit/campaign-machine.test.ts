import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CAMPAIGN_ACTIONS, CAMPAIGN_ORG_STATES, type CampaignOrgState } from '@xinhuo/shared';
import { canEdit, nextActions, stepTarget } from '../../src/modules/elections/campaign-machine';

// The campaign's per-org workflow (换届): one path forward, every other step refused.
describe('campaign machine', () => {
  const path: CampaignOrgState[] = ['planning', 'candidates', 'vetting', 'notice', 'voting', 'finalized'];

  test('the steps lead along planning → candidates → vetting → notice → voting → finalized', () => {
    for (let i = 0; i < path.length - 1; i++) {
      const actions = nextActions(path[i]!);
      assert.equal(actions.length, 1, path[i]);
      assert.equal(stepTarget(path[i]!, actions[0]!), path[i + 1]);
    }
    assert.deepEqual(nextActions('finalized'), []);
  });

  test('every other (state, step) pair is refused', () => {
    let refused = 0;
    for (const state of CAMPAIGN_ORG_STATES)
      for (const action of CAMPAIGN_ACTIONS) {
        const legal = nextActions(state).includes(action);
        const target = stepTarget(state, action);
        if (legal) assert.notEqual(target, null);
        else {
          assert.equal(target, null, `${action} from ${state}`);
          refused++;
        }
      }
    // 6 states × 5 steps, of which 5 are the path.
    assert.equal(refused, CAMPAIGN_ORG_STATES.length * CAMPAIGN_ACTIONS.length - (path.length - 1));
  });

  test('candidates, vetting, objections and results are edited only in their own stage', () => {
    assert.deepEqual(
      CAMPAIGN_ORG_STATES.filter((s) => canEdit(s, 'candidates')),
      ['candidates'],
    );
    assert.deepEqual(
      CAMPAIGN_ORG_STATES.filter((s) => canEdit(s, 'vetting')),
      ['vetting'],
    );
    assert.deepEqual(
      CAMPAIGN_ORG_STATES.filter((s) => canEdit(s, 'objections')),
      ['notice'],
    );
    assert.deepEqual(
      CAMPAIGN_ORG_STATES.filter((s) => canEdit(s, 'results')),
      ['voting'],
    );
    assert.equal(canEdit('finalized', 'timetable'), false);
  });
});
