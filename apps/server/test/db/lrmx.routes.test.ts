import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LrmxSession, Person } from '@xinhuo/shared';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { parseLrmx, writeLrmx } from '../../src/platform/lrmx/lrmx';
import { writeZip } from '../../src/platform/files/zip';

describe('LRMX routes: export, import session, field-by-field apply, PDF', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};

  before(async () => {
    env = await createTestEnv();
    for (const u of ['city1', 'towna', 'townb', 'seca1']) cookies[u] = await env.login(u);
  });
  after(() => env.close());

  const get = (user: string, url: string) => env.request(cookies[user]!, { method: 'GET', url });
  const exportLrmx = async (user: string, id: string) => {
    const res = await get(user, `/api/people/${id}/lrmx`);
    assert.equal(res.statusCode, 200, res.body);
    return res.rawPayload;
  };
  const upload = (user: string, bytes: Buffer, name = 'a.lrmx') =>
    env.request(cookies[user]!, {
      method: 'POST',
      url: '/api/lrmx/sessions',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
      payload: bytes,
    });
  const session = async (user: string, bytes: Buffer, name?: string) => {
    const res = await upload(user, bytes, name);
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as LrmxSession;
  };
  const apply = (user: string, id: string, files: { index: number; accept: string[]; orgId?: string }[]) =>
    env.request(cookies[user]!, {
      method: 'POST',
      url: `/api/lrmx/sessions/${id}/apply`,
      payload: { files },
    });
  const person = async (id: string) => (await get('city1', `/api/people/${id}`)).json() as Person;
  const sessionCount = async () =>
    Number(
      (
        await env.services.db
          .selectFrom('lrmx_sessions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditRows = (action: string, objectId?: string) => {
    let q = env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action);
    if (objectId) q = q.where('object_id', '=', objectId);
    return q.orderBy('seq').execute();
  };
  /** The exported file with one field changed, as a user would in the form editor. */
  const edited = (bytes: Buffer, change: (r: ReturnType<typeof parseLrmx>) => void) => {
    const r = parseLrmx(bytes);
    change(r);
    return writeLrmx(r);
  };

  test('round trip: a person exported and imported again shows no difference', async () => {
    const bytes = await exportLrmx('towna', env.seed.personA1);
    const r = parseLrmx(bytes);
    assert.equal(r.name, '陆婷婷');
    assert.match(r.idNumber, /^\d{17}[\dX]$/);
    assert.equal((await auditRows('lrmx_export', env.seed.personA1)).length, 1);
    const s = await session('towna', bytes);
    assert.equal(s.files.length, 1);
    assert.equal(s.files[0]!.status, 'matched');
    assert.equal(s.files[0]!.personId, env.seed.personA1);
    assert.deepEqual(s.files[0]!.differences, []);
    assert.equal((await auditRows('lrmx_upload', s.id)).length, 1);
  });

  test('a changed field shows exactly that difference; accepting it updates the person, audited', async () => {
    const before = await person(env.seed.personA1);
    const bytes = edited(await exportLrmx('towna', env.seed.personA1), (r) => {
      r.rewardsAndPunishments = '2024年度优秀村干部';
      r.nativePlace = '江苏张家港';
    });
    const s = await session('towna', bytes);
    assert.deepEqual(
      s.files[0]!.differences.map((d) => [d.field, d.before, d.after]),
      [
        ['nativePlace', before.record.nativePlace?.text ?? '', '江苏张家港'],
        ['rewardsAndPunishments', before.record.rewardsPunishments ?? '', '2024年度优秀村干部'],
      ],
    );
    // Accept one, reject the other.
    const res = await apply('towna', s.id, [{ index: 0, accept: ['rewardsAndPunishments'] }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as LrmxSession).files[0]!.result, 'updated');
    const after = await person(env.seed.personA1);
    assert.equal(after.record.rewardsPunishments, '2024年度优秀村干部');
    assert.deepEqual(after.record.nativePlace, before.record.nativePlace, 'the rejected field stays');
    assert.equal(after.version, before.version + 1);
    const rows = await auditRows('person_update', env.seed.personA1);
    assert.deepEqual(JSON.parse(rows.at(-1)!.details as string).fields, ['record.rewardsPunishments']);
    assert.equal((await auditRows('lrmx_apply', s.id)).length, 1);
    // A session applies once.
    assert.equal((await apply('towna', s.id, [])).statusCode, 409);
  });

  test('rejecting every field leaves the person as it was', async () => {
    const before = await person(env.seed.personA2);
    const bytes = edited(await exportLrmx('towna', env.seed.personA2), (r) => {
      r.name = '李强强';
    });
    const s = await session('towna', bytes);
    assert.deepEqual(
      s.files[0]!.differences.map((d) => d.field),
      ['name'],
    );
    const res = await apply('towna', s.id, [{ index: 0, accept: [] }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as LrmxSession).files[0]!.result, 'unchanged');
    const after = await person(env.seed.personA2);
    assert.equal(after.name, '李强');
    assert.equal(after.version, before.version);
  });

  test('a zip of several: each matched and compared; a bad file in it is listed with its reason', async () => {
    const a1 = edited(await exportLrmx('towna', env.seed.personA1), (r) => {
      r.resume = '2008.09--2012.07  南京农业大学学生\r\n2012.08--  A1村村委会工作';
    });
    const a2 = await exportLrmx('towna', env.seed.personA2);
    const xxe = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>',
    );
    const zip = writeZip(
      [
        { name: '陆婷婷.lrmx', bytes: a1 },
        { name: '李强.lrmx', bytes: a2 },
        { name: 'bad.lrmx', bytes: xxe },
        { name: '李强(2).lrmx', bytes: a2 },
      ],
      new Date(),
    );
    const s = await session('towna', zip, 'batch.zip');
    assert.deepEqual(
      s.files.map((f) => [f.name, f.status, f.errorCode]),
      [
        ['陆婷婷.lrmx', 'matched', null],
        ['李强.lrmx', 'matched', null],
        ['bad.lrmx', 'error', 'LRMX_DTD_REFUSED'],
        ['李强(2).lrmx', 'error', 'LRMX_DUPLICATE_ID'],
      ],
    );
    assert.deepEqual(
      s.files[0]!.differences.map((d) => d.field),
      ['resume'],
    );
    assert.deepEqual(s.files[1]!.differences, []);
    const res = await apply('towna', s.id, [{ index: 0, accept: ['resume'] }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((await person(env.seed.personA1)).record.workHistory, [
      { from: '2008-09', to: '2012-07', text: '南京农业大学学生' },
      { from: '2012-08', to: null, text: 'A1村村委会工作' },
    ]);
  });

  test('XXE, billion laughs and a zip bomb are refused with their error and nothing is stored', async () => {
    const before = await sessionCount();
    const rejectedBefore = (await auditRows('lrmx_rejected')).length;
    const xxe = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>',
    );
    const laughs = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Person><XingMing>&lol2;</XingMing></Person>',
    );
    const bomb = writeZip([{ name: 'bomb.lrmx', bytes: Buffer.alloc(3 * 1024 * 1024) }], new Date());
    for (const [bytes, name, code, status] of [
      [xxe, 'xxe.lrmx', 'LRMX_DTD_REFUSED', 400],
      [laughs, 'laughs.lrmx', 'LRMX_DTD_REFUSED', 400],
      [bomb, 'bomb.zip', 'LRMX_ZIP_TOO_LARGE', 413],
      [Buffer.from('<Person><XingMing>x</Person>'), 'broken.lrmx', 'LRMX_MALFORMED', 400],
      [Buffer.from('<?xml version="1.0" encoding="GB2312"?><Person/>'), 'gbk.lrmx', 'LRMX_ENCODING', 415],
      [Buffer.from('hello'), 'notes.txt', 'LRMX_FILE_UNSUPPORTED', 415],
    ] as const) {
      // (The city's account: a user may upload 10 files a minute, and town A's are used by the other tests.)
      const res = await upload('city1', bytes, name);
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.equal(res.json().error.code, code, name);
    }
    assert.equal(await sessionCount(), before);
    const rejected = (await auditRows('lrmx_rejected')).slice(rejectedBefore);
    assert.deepEqual(
      rejected.map((r) => JSON.parse(r.details as string).code),
      [
        'LRMX_DTD_REFUSED',
        'LRMX_DTD_REFUSED',
        'LRMX_ZIP_TOO_LARGE',
        'LRMX_MALFORMED',
        'LRMX_ENCODING',
        'LRMX_FILE_UNSUPPORTED',
      ],
    );
  });

  test("another town's person's file answers like no person at all: new, never matched", async () => {
    const b1 = await exportLrmx('townb', env.seed.personB1);
    const unknown = edited(b1, (r) => {
      r.idNumber = '11010519491231002X';
    });
    const sb = await session('towna', b1);
    const su = await session('towna', unknown);
    const shape = (s: LrmxSession) => ({ ...s.files[0]!, name: '' });
    assert.equal(sb.files[0]!.status, 'new');
    assert.equal(sb.files[0]!.personId, null);
    assert.deepEqual(shape(sb), shape(su));
    // Nor can town A export town B's person.
    const res = await get('towna', `/api/people/${env.seed.personB1}/lrmx`);
    const missing = await get('towna', `/api/people/00000000-0000-4000-8000-000000000000/lrmx`);
    assert.equal(res.statusCode, 404);
    const body = (r: typeof res) => ({ ...r.json().error, requestId: '' });
    assert.deepEqual(body(res), body(missing));
    // Town B's session is not town A's to read.
    assert.equal((await get('townb', `/api/lrmx/sessions/${sb.id}`)).statusCode, 404);
  });

  test('a person changed after the comparison refuses the whole apply', async () => {
    const a1 = edited(await exportLrmx('towna', env.seed.personA1), (r) => {
      r.birthplace = '江苏常熟';
    });
    const a2 = edited(await exportLrmx('towna', env.seed.personA2), (r) => {
      r.birthplace = '江苏太仓';
    });
    const s = await session(
      'towna',
      writeZip(
        [
          { name: 'a1.lrmx', bytes: a1 },
          { name: 'a2.lrmx', bytes: a2 },
        ],
        new Date(),
      ),
    );
    // Someone edits A2 in the meantime.
    const p2 = await person(env.seed.personA2);
    const patch = await env.request(cookies.towna!, {
      method: 'PATCH',
      url: `/api/people/${env.seed.personA2}`,
      payload: { version: p2.version, major: '农学' },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const before1 = await person(env.seed.personA1);
    const res = await apply('towna', s.id, [
      { index: 0, accept: ['birthplace'] },
      { index: 1, accept: ['birthplace'] },
    ]);
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'LRMX_STALE');
    const after1 = await person(env.seed.personA1);
    assert.equal(after1.version, before1.version, 'A1 was not written either');
    assert.deepEqual(after1.record.birthPlace, before1.record.birthPlace);
  });

  test('a new person from a file is created in the org chosen, in scope', async () => {
    const a1 = parseLrmx(await exportLrmx('towna', env.seed.personA1));
    a1.name = '新人甲';
    a1.idNumber = '11010519491231002X';
    a1.family = [];
    a1.resume = '';
    const s = await session('towna', writeLrmx(a1));
    assert.equal(s.files[0]!.status, 'new');
    const accept = s.files[0]!.differences.map((d) => d.field);
    const outOfScope = await apply('towna', s.id, [{ index: 0, accept, orgId: env.seed.villageB1 }]);
    assert.equal(outOfScope.statusCode, 400, outOfScope.body);
    const res = await apply('towna', s.id, [{ index: 0, accept, orgId: env.seed.villageA1 }]);
    assert.equal(res.statusCode, 200, res.body);
    const file = (res.json() as LrmxSession).files[0]!;
    assert.equal(file.result, 'created');
    const created = await env.services.db
      .selectFrom('persons')
      .select(['name', 'org_id'])
      .where('name', '=', '新人甲')
      .executeTakeFirstOrThrow();
    assert.equal(created.org_id, env.seed.villageA1);
  });

  test('the roster as a .zip of .lrmx with the list filters, and the 任免审批表 PDF', async () => {
    const res = await get('towna', '/api/people/lrmx-export?gender=2');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/zip');
    const s = await session('towna', res.rawPayload, 'export.zip');
    assert.ok(s.files.length >= 1);
    assert.ok(s.files.every((f) => f.status === 'matched' && f.differences.length === 0));
    const pdf = await get('towna', `/api/people/${env.seed.personA1}/cadre-form.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal((await auditRows('cadre_form_export', env.seed.personA1)).length, 1);
    assert.equal((await get('seca1', `/api/people/${env.seed.personA1}/cadre-form.pdf`)).statusCode, 403);
    // A file carries the full ID number: without the right to see ID numbers, no file.
    assert.equal((await get('seca1', `/api/people/${env.seed.personA1}/lrmx`)).statusCode, 403);
    assert.equal((await get('seca1', '/api/people/lrmx-export')).statusCode, 403);
  });
});
