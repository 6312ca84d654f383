import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { compose, type Services } from '../../src/composition';
import { ensureDemo, DEMO_REF_DATE } from '../../src/demo/demo-city';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { DEMO_TEST_BUILD, freshDatabaseUrl } from '../helpers/test-env';

describe('the demo city', () => {
  let services: Services;
  before(async () => {
    const url = await freshDatabaseUrl();
    services = await compose({
      databaseUrl: url,
      dataDir: '',
      masterKey: randomBytes(32),
      sqliteFile: ':memory:',
    });
    assert.equal(await ensureDemo(services, () => {}, DEMO_TEST_BUILD), true);
  });
  after(() => services.close());

  test("is built through the services and shows the article's figures on 2021-01-10", async () => {
    const st = await services.stats.rosterStats(SYSTEM_CALLER, undefined, DEMO_REF_DATE);
    assert.equal(st.orgName, '张家港市');
    assert.equal(st.organizations, 264);
    assert.equal(st.members, 1323);
    assert.ok(st.averageAge! >= 38.5 && st.averageAge! < 39.5, `average age ${st.averageAge}`);
    assert.ok(
      st.collegeOrAbove.share! >= 0.935 && st.collegeOrAbove.share! < 0.945,
      `college ${st.collegeOrAbove.share}`,
    );
    assert.equal(st.byChild.length, 9);
    assert.equal(
      st.byChild.reduce((a, t) => a + t.organizations, 0),
      264,
    );
    assert.ok(st.secretaryDirector.count > 0 && st.secretaryDirector.rate! < 1);
    const bands = st.ageBands.map((b) => b.count);
    assert.ok(bands[0]! > 0 && bands[6]! > 0, 'ages spread from under 30 to over 55');
  });

  test('has young postgraduate secretaries born after 1985, 王晶晶 findable by pinyin, and a second run does nothing', async () => {
    const young = await services.people.listPeople(
      SYSTEM_CALLER,
      { role: 'party_secretary', ageMax: 35, refDate: DEMO_REF_DATE },
      { offset: 0, limit: 50 },
    );
    assert.ok(young.items.filter((p) => p.education === '14' && p.birthDate >= '1985-01-01').length >= 3);
    const wjj = await services.people.listPeople(SYSTEM_CALLER, { q: 'wjj' }, { offset: 0, limit: 10 });
    assert.ok(wjj.items.some((p) => p.name === '王晶晶' && p.orgName === '新塍村'));
    assert.equal(await ensureDemo(services, () => {}, DEMO_TEST_BUILD), false);
  });

  test('the audit chain of the whole build verifies', async () => {
    const r = await services.audit.verify();
    assert.equal(r.ok, true);
    assert.ok(r.checked > 5000);
  });
});
