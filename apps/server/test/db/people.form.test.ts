import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PersonRecord } from '@xinhuo/shared';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';

// The person form's server side: the cadre record created and edited through POST/PATCH /api/people.

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

const record = (): PersonRecord => ({
  nativePlace: { code: '320900', text: '江苏盐城' },
  birthPlace: { code: '320981', text: '江苏东台' },
  photo: { type: 'image/png', data: PNG },
  education: [
    {
      kind: 'full_time',
      education: '21',
      school: '扬州大学',
      major: '农学',
      degree: '4',
      from: '2005-09',
      to: '2009-07',
    },
  ],
  workHistory: [
    { from: '2005-09', to: '2009-07', text: '扬州大学农学专业学习' },
    { from: '2009-07', to: '2015-01', text: '东台市富安镇农业服务中心科员' },
    { from: '2015-01', to: null, text: '东台市富安镇丁北村党总支书记' },
  ],
  family: [
    {
      relation: '妻子',
      name: '沈秋菊',
      birthMonth: '1988-04',
      politicalStatus: '13',
      workUnit: '东台市富安镇中心小学教师',
    },
  ],
  rewardsPunishments: '2019年获评东台市优秀共产党员',
});

describe('the person form: the cadre record through POST and PATCH /api/people', () => {
  let env: TestEnv;
  let townA: string;
  let townB: string;
  before(async () => {
    env = await createTestEnv();
    townA = await env.login('towna');
    townB = await env.login('townb');
  });
  after(() => env.close());

  const create = (extra: Record<string, unknown> = {}, idNumber = testIdNumber('1987-05-20', '1')) =>
    env.request(townA, {
      method: 'POST',
      url: '/api/people',
      payload: {
        name: '陆建军',
        idNumber,
        ethnicity: '01',
        politicalStatus: '01',
        orgId: env.seed.villageA1,
        record: record(),
        ...extra,
      },
    });

  test('create keeps the whole record, sealed at rest, audited by field names only', async () => {
    const r = await create();
    assert.equal(r.statusCode, 201, r.body);
    const p = r.json();
    assert.deepEqual(p.record, record());
    const read = await env.request(townA, { method: 'GET', url: `/api/people/${p.id}` });
    assert.deepEqual(read.json().record, record());

    const raw = await env.services.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    const rawText = JSON.stringify(raw);
    for (const plain of ['沈秋菊', '东台市富安镇中心小学教师', '扬州大学', '江苏盐城', PNG]) {
      assert.ok(!rawText.includes(plain), `${plain} stored in clear`);
    }
    assert.ok(raw.record_enc);

    const audit = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person_create')
      .where('object_id', '=', p.id)
      .executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit).includes('沈秋菊'));
    assert.match(JSON.stringify(audit), /record\.family/);
  });

  test('edit replaces the parts sent, keeps the rest, and names the changed parts in the audit', async () => {
    const c = await create({}, testIdNumber('1979-11-02', '2'));
    assert.equal(c.statusCode, 201, c.body);
    const p = c.json();
    const family = [
      ...record().family,
      { relation: '儿子', name: '陆一鸣', birthMonth: '2012-03', politicalStatus: '13', workUnit: '学生' },
    ];
    const r = await env.request(townA, {
      method: 'PATCH',
      url: `/api/people/${p.id}`,
      payload: { version: p.version, record: { family } },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().version, p.version + 1);
    assert.deepEqual(r.json().record, { ...record(), family });
    const audit = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person_update')
      .where('object_id', '=', p.id)
      .executeTakeFirstOrThrow();
    const details = JSON.parse(String(audit.details));
    assert.deepEqual(details.fields, ['record.family']);
    assert.ok(!JSON.stringify(audit).includes('陆一鸣'));
  });

  test('a stale edit is refused in zh and en, and nothing is overwritten', async () => {
    const c = await create({}, testIdNumber('1990-01-09', '1'));
    const p = c.json();
    const first = await env.request(townA, {
      method: 'PATCH',
      url: `/api/people/${p.id}`,
      payload: { version: p.version, record: { rewardsPunishments: '第一次修改' } },
    });
    assert.equal(first.statusCode, 200, first.body);
    for (const [lang, message] of [
      ['zh-CN', '记录已被他人修改，请刷新后重试'],
      ['en', 'Someone else changed this record; reload and try again'],
    ] as const) {
      const stale = await env.request(townA, {
        method: 'PATCH',
        url: `/api/people/${p.id}`,
        headers: { 'accept-language': lang },
        payload: { version: p.version, record: { rewardsPunishments: '过期的修改' } },
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
      assert.equal(stale.json().error.message, message);
    }
    const now = await env.request(townA, { method: 'GET', url: `/api/people/${p.id}` });
    assert.equal(now.json().record.rewardsPunishments, '第一次修改');
    assert.equal(now.json().version, p.version + 1);
  });

  test("another town's person answers the edit with a 404 identical to a missing one", async () => {
    const c = await create({}, testIdNumber('1983-06-30', '2'));
    const p = c.json();
    const edit = (id: string) =>
      env.request(townB, {
        method: 'PATCH',
        url: `/api/people/${id}`,
        payload: { version: p.version, record: { rewardsPunishments: '越权' } },
      });
    const other = await edit(p.id);
    const missing = await edit('01900000-0000-7000-8000-000000000000');
    assert.equal(other.statusCode, 404);
    const strip = (b: string) => ({ ...JSON.parse(b).error, requestId: undefined });
    assert.deepEqual(strip(other.body), strip(missing.body));
    const now = await env.request(townA, { method: 'GET', url: `/api/people/${p.id}` });
    assert.equal(now.json().record.rewardsPunishments, record().rewardsPunishments);
  });

  test('validation errors name their field paths: shape, codes, photo, and the 简历 rule', async () => {
    const fieldsOf = async (r: Awaited<ReturnType<typeof create>>) => {
      assert.equal(r.statusCode, 400, r.body);
      return r.json().error.fields.map((f: { path: string; reason: string }) => `${f.path}:${f.reason}`);
    };
    const rec = record();
    const shape = await fieldsOf(
      await create({
        record: {
          ...rec,
          nativePlace: { code: '990000', text: '某地' },
          workHistory: [{ from: '2005.09', to: null, text: 'x' }],
        },
      }),
    );
    assert.ok(shape.includes('record.nativePlace.code:REGION_CODE_UNKNOWN'), shape.join());
    assert.ok(shape.includes('record.workHistory.0.from:MONTH_FORMAT'), shape.join());

    const id = testIdNumber('1986-02-14', '1');
    const wrongDigit = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const rules = await fieldsOf(
      await create(
        {
          record: {
            ...rec,
            photo: { type: 'image/jpeg', data: PNG },
            workHistory: [
              { from: '2005-09', to: '2009-07', text: '学习' },
              { from: '2010-03', to: '2012-01', text: '空档之后' },
              { from: '2011-06', to: null, text: '重叠' },
            ],
            family: [{ ...rec.family[0]!, politicalStatus: '99' }],
          },
        },
        wrongDigit,
      ),
    );
    assert.deepEqual(rules.sort(), [
      'idNumber:ID_CHECK_DIGIT',
      'record.family.0.politicalStatus:CODE_UNKNOWN',
      'record.photo:PHOTO_TYPE',
      'record.workHistory.1.from:WORK_HISTORY_GAP',
      'record.workHistory.2.from:WORK_HISTORY_OVERLAP',
    ]);
  });

  test('a duplicate ID from another town still answers 202 for the city, whatever the record', async () => {
    const row = await env.services.db
      .selectFrom('persons')
      .select('id_number_enc')
      .where('id', '=', env.seed.personB1)
      .executeTakeFirstOrThrow();
    const r = await create({}, env.services.crypto.decrypt(row.id_number_enc));
    assert.equal(r.statusCode, 202, r.body);
    assert.equal(r.json().status, 'pending_city_review');
  });
});
