import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCheckChar } from '@xinhuo/shared';
import { connectDatabase } from '../../src/platform/db/connect';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { MIGRATIONS } from '../../src/platform/db/migrations';
import type { PlatformDatabase } from '../../src/platform/platform-db';
import { findPii } from '../helpers/pii';
import { createTestEnv, freshDatabaseUrl, type TestEnv } from '../helpers/test-env';

/** What a reader without a reveal holds about one person, from every response it got. */
interface Received {
  masked: Set<string>;
  birthDates: Set<string>;
  genders: Set<string>;
}

/**
 * Every 18-character ID number consistent with what was received, assuming the worst case that the
 * reader also knows the full 6-digit region code (it is the county's code, shown as an org code).
 */
function candidates(r: Received, region: string): string[] {
  const out: string[] = [];
  for (const birth of r.birthDates) {
    for (let seq = 0; seq < 1000; seq++) {
      const first17 = region + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
      const id = first17 + computeCheckChar(first17);
      const gender = seq % 2 === 1 ? '1' : '2';
      if (![...r.genders].every((g) => g === gender)) continue;
      const fits = [...r.masked].every((m) => [...m].every((c, i) => c === '*' || c === id[i]));
      if (fits) out.push(id);
    }
  }
  return out;
}

describe('masked personal data cannot be put back together without a reveal', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  for (const username of ['leader1', 'towna']) {
    test(`${username}: list, detail and export leave ≥ 100 candidate ID numbers per person, and no full ID or phone`, async () => {
      const cookie = await env.login(username);
      const bodies: string[] = [];
      const got = new Map<string, Received>();
      const take = (p: { id: string; idNumberMasked: string; birthDate: string; gender: string }) => {
        const r = got.get(p.id) ?? { masked: new Set(), birthDates: new Set(), genders: new Set() };
        r.masked.add(p.idNumberMasked);
        r.birthDates.add(p.birthDate);
        r.genders.add(p.gender);
        got.set(p.id, r);
      };
      const list = await env.request(cookie, { method: 'GET', url: '/api/people?pageSize=200' });
      assert.equal(list.statusCode, 200);
      bodies.push(list.body);
      for (const item of list.json().items) {
        take(item);
        const detail = await env.request(cookie, { method: 'GET', url: `/api/people/${item.id}` });
        assert.equal(detail.statusCode, 200);
        bodies.push(detail.body);
        take(detail.json());
      }
      const ExcelJS = (await import('exceljs')).default;
      const exp = await env.request(cookie, { method: 'GET', url: '/api/people/export' });
      assert.equal(exp.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
      const sheet = JSON.stringify(wb.worksheets[0]!.getSheetValues());
      bodies.push(sheet);
      // The export's masked column adds to what the reader holds (matched by name and birth date).
      const byName = new Map(list.json().items.map((i: { name: string; id: string }) => [i.name, i.id]));
      wb.worksheets[0]!.eachRow((row, n) => {
        if (n === 1) return;
        const id = byName.get(String(row.getCell(1).value));
        if (id) got.get(id as string)!.masked.add(String(row.getCell(8).value));
      });

      assert.ok(got.size >= 2, 'the reader sees people');
      for (const [id, r] of got) {
        const n = candidates(r, '320582').length;
        assert.ok(n > 100, `${username}: only ${n} candidate ID numbers for ${id}`);
      }
      for (const b of bodies) {
        assert.equal(findPii(b), null, 'no full ID number or phone in a non-reveal response');
      }
    });
  }

  test('the masked ID keeps only the first 4 characters', async () => {
    const cookie = await env.login('towna');
    const r = await env.request(cookie, { method: 'GET', url: `/api/people/${env.seed.personA1}` });
    assert.match(r.json().idNumberMasked, /^3205\*{14}$/);
  });
});

/** The platform's tables, and orgs and persons as they stood before 2026-12-05 (the columns this test writes). */
interface Before20261205 extends PlatformDatabase {
  orgs: {
    id: string;
    name: string;
    kind: string;
    sub_kind: string;
    path: string;
    depth: number;
    created_at: string;
    updated_at: string;
  };
  persons: {
    id: string;
    name: string;
    name_search: string;
    gender: string;
    ethnicity: string;
    birth_date: string;
    id_number_enc: string;
    id_number_bidx: string;
    id_number_masked: string;
    political_status: string;
    org_id: string;
    org_path: string;
    row_mac: string;
    created_at: string;
    updated_at: string;
  };
}

describe('the 2026-12-05 migration', () => {
  test('cuts stored masks of the old form (sequence and check digit visible) back to the first 4', async () => {
    const h = await connectDatabase<Before20261205>({
      databaseUrl: await freshDatabaseUrl(),
      sqliteFile: ':memory:',
    });
    const at = MIGRATIONS.findIndex((m) => m.name === '2026-12-05-person-dedupe');
    assert.ok(at > 0);
    await migrateToLatest(h.db, h.dialect, MIGRATIONS.slice(0, at));
    const now = '2026-01-01T00:00:00Z';
    await h.db
      .insertInto('orgs')
      .values({
        id: 'o1',
        name: '市',
        kind: 'city',
        sub_kind: 'city',
        path: '/o1/',
        depth: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await h.db
      .insertInto('persons')
      .values({
        id: 'p1',
        name: '王',
        name_search: ' wang',
        gender: '1',
        ethnicity: '01',
        birth_date: '1985-07-15',
        id_number_enc: 'x',
        id_number_bidx: 'b1',
        id_number_masked: '3205**********123X',
        political_status: '01',
        org_id: 'o1',
        org_path: '/o1/',
        row_mac: 'm',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await migrateToLatest(h.db, h.dialect);
    const row = await h.db.selectFrom('persons').select('id_number_masked').executeTakeFirstOrThrow();
    assert.equal(row.id_number_masked, '3205**************');
    await h.close();
  });
});
