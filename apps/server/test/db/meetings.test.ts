import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

describe('secretaries’ meetings: series, minutes, matters raised in one step, 回头看', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let seriesId: string;
  let q1: { id: string; version: number };
  const req = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    env.request(cookies[user]!, { method, url, ...(payload ? { payload: payload as object } : {}) });

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['city1', 'towna', 'townb', 'seca1', 'deptd', 'leader1', 'sysadm'])
      cookies[u] = await env.login(u);
  });
  after(() => env.close());

  test('a city series and its first meeting, with attendance and speakers', async () => {
    const s = await req('city1', 'POST', '/api/meeting-series', {
      name: '书记讲给书记听',
      hostLevel: 'city',
      hostOrgId: env.seed.cityId,
      cadence: 'quarterly',
    });
    assert.equal(s.statusCode, 201, s.body);
    seriesId = s.json().id;
    const bad = await req('towna', 'POST', '/api/meeting-series', {
      name: '越权',
      hostLevel: 'city',
      hostOrgId: env.seed.cityId,
      cadence: 'quarterly',
    });
    assert.equal(bad.json().error.code, 'MEETING_HOST_INVALID');
    const r = await req('city1', 'POST', '/api/meetings', {
      seriesId,
      title: '2026年第一季度书记讲给书记听',
      meetingDate: '2026-03-02',
      hostLevel: 'city',
      hostOrgId: env.seed.cityId,
      venueOrgId: env.seed.villageA1,
      topic: '村级经济发展',
      minutes: '会议纪要（草稿）',
      participants: [
        { name: '市委书记', role: 'host', attended: true, spoke: true },
        {
          personId: env.seed.personA1,
          name: '陆婷婷',
          role: 'speaker',
          attended: true,
          spoke: true,
          speechTopic: '标准厂房',
        },
        { personId: env.seed.personB1, name: '张伟', role: 'speaker', attended: true, spoke: true },
        { personId: env.seed.personA2, name: '李强', role: 'attendee', attended: false, spoke: false },
      ],
    });
    assert.equal(r.statusCode, 201, r.body);
    q1 = r.json();
    assert.equal(r.json().speakerCount, 3);
    assert.equal(r.json().participantCount, 4);
    assert.equal(r.json().minutes, '会议纪要（草稿）');
    assert.equal(r.json().canEdit, true);
  });

  test('everyone under the city sees the city meeting; the minutes only once published', async () => {
    const town = (await req('towna', 'GET', `/api/meetings/${q1.id}`)).json();
    assert.equal(town.minutes, null);
    assert.equal(town.canEdit, false);
    assert.equal((await req('deptd', 'GET', `/api/meetings/${q1.id}`)).statusCode, 200);
    assert.equal((await req('seca1', 'GET', `/api/meetings/${q1.id}`)).statusCode, 200);
    const stale = await req('city1', 'POST', `/api/meetings/${q1.id}/publish`, {
      version: 99,
      published: true,
    });
    assert.equal(stale.statusCode, 409);
    const pub = await req('city1', 'POST', `/api/meetings/${q1.id}/publish`, {
      version: q1.version,
      published: true,
    });
    assert.equal(pub.json().isPublished, true);
    assert.equal((await req('towna', 'GET', `/api/meetings/${q1.id}`)).json().minutes, '会议纪要（草稿）');
    const edit = await req('towna', 'POST', `/api/meetings/${q1.id}/publish`, {
      version: pub.json().version,
      published: false,
    });
    assert.equal(edit.statusCode, 403, 'a town cannot edit a city meeting');
  });

  test('a town meeting is visible to that town and the city, not to another town', async () => {
    const r = await req('towna', 'POST', '/api/meetings', {
      title: 'A镇书记讲给书记听',
      meetingDate: '2026-03-05',
      hostLevel: 'town',
      hostOrgId: env.seed.townA,
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal((await req('townb', 'GET', `/api/meetings/${r.json().id}`)).statusCode, 404);
    assert.equal((await req('city1', 'GET', `/api/meetings/${r.json().id}`)).statusCode, 200);
    const list = (await req('seca1', 'GET', '/api/meetings')).json();
    assert.equal(list.total, 2);
    const listB = (await req('townb', 'GET', '/api/meetings')).json();
    assert.deepEqual(
      listB.items.map((m: { id: string }) => m.id),
      [q1.id],
    );
    assert.equal((await req('sysadm', 'GET', '/api/meetings')).statusCode, 403);
  });

  test('matters raised at the meeting in one step, scoped on the meeting page', async () => {
    const r = await req('city1', 'POST', `/api/meetings/${q1.id}/matters`, {
      items: [
        sampleMatter(env.seed.villageA1, { raiserPersonId: env.seed.personA1, raiserName: undefined }),
        sampleMatter(env.seed.villageB1, {
          title: '村干部交流任职待遇',
          categoryCode: 'cadre_exchange',
          raiserPersonId: env.seed.personB1,
          raiserName: undefined,
        }),
      ],
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().ids.length, 2);
    const city = (await req('city1', 'GET', `/api/meetings/${q1.id}`)).json();
    assert.deepEqual(
      city.matters.map((m: { raiserName: string; source: string }) => [m.raiserName, m.source]),
      [
        ['陆婷婷', 'meeting'],
        ['张伟', 'meeting'],
      ],
    );
    const town = (await req('towna', 'GET', `/api/meetings/${q1.id}`)).json();
    assert.deepEqual(
      town.matters.map((m: { raiserName: string }) => m.raiserName),
      ['陆婷婷'],
    );
    const wrongPerson = await req('city1', 'POST', `/api/meetings/${q1.id}/matters`, {
      items: [sampleMatter(env.seed.villageA1, { raiserPersonId: env.seed.personB1, raiserName: undefined })],
    });
    assert.equal(wrongPerson.statusCode, 400, 'the raiser must belong to the village');
  });

  test('the next meeting of the series gets a 回头看 of the earlier matters', async () => {
    const mc = matterClient(env, cookies);
    const list = (await mc.list('city1', `?meetingId=${q1.id}`)).json().items;
    const a1 = list.find((m: { villageName: string }) => m.villageName === 'A1村');
    const d = await mc.ok('city1', a1.id, {
      action: 'dispatch',
      version: a1.version,
      leadUnitId: env.seed.deptD,
      priorityCode: 'urgent',
    });
    await mc.ok('deptd', a1.id, { action: 'sign', version: d.version });
    env.clock.set('2026-06-01T02:00:00Z');
    // Three months later the sessions have expired: sign in again.
    for (const u of ['city1', 'towna']) cookies[u] = await env.login(u);
    const q2 = await req('city1', 'POST', '/api/meetings', {
      seriesId,
      title: '2026年第二季度书记讲给书记听',
      meetingDate: '2026-06-01',
      hostLevel: 'city',
      hostOrgId: env.seed.cityId,
    });
    const review = (await req('city1', 'GET', `/api/meetings/${q2.json().id}/review`)).json();
    assert.deepEqual(review.previousMeeting, {
      id: q1.id,
      title: '2026年第一季度书记讲给书记听',
      meetingDate: '2026-03-02',
    });
    assert.equal(review.items.length, 2);
    const row = review.items.find((i: { id: string }) => i.id === a1.id);
    assert.equal(row.state, 'in_progress');
    assert.equal(row.isOverdue, true);
    assert.equal(row.meetingTitle, '2026年第一季度书记讲给书记听');
    assert.deepEqual(review.summary, {
      total: 2,
      closed: 0,
      open: 2,
      overdue: 1,
      satisfied: 0,
      dissatisfied: 0,
    });
    const townReview = (await req('towna', 'GET', `/api/meetings/${q2.json().id}/review`)).json();
    assert.equal(townReview.items.length, 1, 'the review is scoped like any matter list');
    const first = (await req('city1', 'GET', `/api/meetings/${q1.id}/review`)).json();
    assert.equal(first.previousMeeting, null);
  });
});
