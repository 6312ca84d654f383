import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

/** Shanghai 10:00 on a date. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);

describe('the monthly reminder of village secretary seats at risk with no ready successor', () => {
  let env: TestEnv;
  const c: Record<string, string> = {};
  const notes = async (user: string) =>
    (
      await env.request(c[user]!, { method: 'GET', url: '/api/notifications?kind=pipeline_seat_at_risk' })
    ).json().items as { text: string; objectId: string }[];

  before(async () => {
    // The seed's three villages have no secretary: each seat is vacant, with nobody on the bench.
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['towna', 'townb', 'city1']) c[u] = await env.login(u);
  });
  after(() => env.close());

  test('once a month per town, to that town’s desk only, naming its villages and why', async () => {
    const rem = env.services.reminders;
    assert.deepEqual(await rem.sweepSeats(at('2026-03-02')), { pipeline_seat_at_risk: 2 });
    assert.deepEqual(await rem.sweepSeats(at('2026-03-20')), {}, 'once a month');
    const a = await notes('towna');
    assert.equal(a.length, 1);
    assert.match(a[0]!.text, /^A镇2 个村党组织书记岗位有接班风险且无成熟人选：A1村（空缺）；A2村（空缺）$/);
    assert.equal(a[0]!.objectId, env.seed.townA);
    const b = await notes('townb');
    assert.equal(b.length, 1);
    assert.match(b[0]!.text, /B1村（空缺）/);
    assert.doesNotMatch(b[0]!.text, /A1村/);
    assert.deepEqual(await rem.sweepSeats(at('2026-04-01')), { pipeline_seat_at_risk: 2 }, 'the next month');
    assert.equal((await notes('towna')).length, 2);
  });
});
