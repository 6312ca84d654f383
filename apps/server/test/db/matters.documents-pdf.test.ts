import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';
import { makeOrg } from '../helpers/factories';

const MISSING = '01900000-0000-7000-8000-000000000000';
/** Shanghai 10:00 on a date. */
const at = (date: string) => `${date}T02:00:00Z`;

/** The text of each page, read back through the fonts' ToUnicode maps (as a reader would copy it). */
async function pdfPages(body: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(body), verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('the 交办单 and 督办单 as PDF files', () => {
  let env: TestEnv;
  let cookies: Record<string, string>;
  let matterId: string;
  let supervisionId: string;
  const description = '村里的标准厂房项目审批材料已报送两个月，仍未批复，影响村级经济发展。'.repeat(60);

  before(async () => {
    env = await createTestEnv({ now: at('2026-03-02') });
    cookies = {};
    for (const u of ['towna', 'townb', 'deptd']) cookies[u] = await env.login(u);
    const mc = matterClient(env, cookies);
    const co = await makeOrg(env, { parent: env.seed.cityId, kind: 'department', name: '自然资源和规划局' });
    const m = await mc.raise(
      'towna',
      sampleMatter(env.seed.villageA1, { description, priorityCode: 'urgent' }),
    );
    matterId = m.id;
    const d = await mc.ok('towna', matterId, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
      coUnits: [{ unitId: co.id }],
    });
    await mc.ok('deptd', matterId, { action: 'sign', version: d.version });
    // Never answered: by 13 March the sweep has issued a 督办单 to the lead unit.
    env.clock.set(at('2026-03-13'));
    await env.services.loop.sweep.sweepDue(env.clock.now());
    for (const u of Object.keys(cookies)) cookies[u] = await env.login(u);
    const detail = (await mc.get('towna', matterId)).json();
    supervisionId = detail.supervisions.find((s: { kind: string }) => s.kind === 'supervise').id;
  });
  after(() => env.close());

  test('without a session the PDFs are 401', async () => {
    const r = await env.request(null, { method: 'GET', url: `/api/matters/${matterId}/assign-order.pdf` });
    assert.equal(r.statusCode, 401);
    const s = await env.request(null, { method: 'GET', url: `/api/supervisions/${supervisionId}/order.pdf` });
    assert.equal(s.statusCode, 401);
  });

  test("another town's user gets 404, exactly like a missing id", async () => {
    const strip = (b: string) => ({ ...JSON.parse(b).error, requestId: undefined });
    const cases: [(id: string) => string, string][] = [
      [(id) => `/api/matters/${id}/assign-order.pdf`, matterId],
      [(id) => `/api/supervisions/${id}/order.pdf`, supervisionId],
    ];
    for (const [url, id] of cases) {
      const other = await env.request(cookies.townb!, { method: 'GET', url: url(id) });
      const missing = await env.request(cookies.townb!, { method: 'GET', url: url(MISSING) });
      assert.equal(other.statusCode, 404);
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(strip(other.body), strip(missing.body));
    }
  });

  test('a malformed id is 400', async () => {
    const r = await env.request(cookies.towna!, {
      method: 'GET',
      url: '/api/matters/not-an-id/assign-order.pdf',
    });
    assert.equal(r.statusCode, 400);
  });

  test('the 交办单 is a PDF with the number, title, units and the long description over several pages', async () => {
    const json = (
      await env.request(cookies.towna!, { method: 'GET', url: `/api/matters/${matterId}/assign-order` })
    ).json();
    const r = await env.request(cookies.towna!, {
      method: 'GET',
      url: `/api/matters/${matterId}/assign-order.pdf`,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(json.docNo, /^张组交〔2026〕(\d+)号$/);
    const n = /(\d+)号$/.exec(json.docNo)![1];
    assert.equal(
      r.headers['content-disposition'],
      `attachment; filename="assign-order-2026-${n}.pdf"; filename*=UTF-8''${encodeURIComponent(`交办单-${json.docNo}.pdf`)}`,
    );
    const pages = await pdfPages(r.rawPayload);
    assert.ok(pages.length >= 2, `a long description runs over pages (got ${pages.length})`);
    const text = squeeze(pages.join('')).replace(/—\d+—/g, '');
    for (const s of [
      `${json.issuer}书记讲给书记听`,
      json.docNo,
      '事项交办单',
      '农业农村局：',
      '农业农村局（牵头）',
      '自然资源和规划局（协办）',
      '抄送：自然资源和规划局',
      '村集体经济项目审批慢',
      '紧急',
      '2026年3月2日',
    ]) {
      assert.ok(text.includes(squeeze(s)), `the PDF says ${s}`);
    }
    assert.ok(
      text.includes(squeeze(description)),
      'the whole description, in order, nothing lost at line or page breaks',
    );
    assert.ok(squeeze(pages[0]!).includes('—1—') && squeeze(pages[1]!).includes('—2—'), 'pages are numbered');
  });

  test('the 督办单 is a PDF addressed to the overdue unit', async () => {
    const { issuer } = (
      await env.request(cookies.towna!, { method: 'GET', url: `/api/matters/${matterId}/assign-order` })
    ).json();
    const r = await env.request(cookies.deptd!, {
      method: 'GET',
      url: `/api/supervisions/${supervisionId}/order.pdf`,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(
      r.headers['content-disposition'],
      `attachment; filename="supervision-order-2026-1.pdf"; filename*=UTF-8''${encodeURIComponent('督办单-张组督〔2026〕1号.pdf')}`,
    );
    const pages = await pdfPages(r.rawPayload);
    assert.equal(pages.length, 1);
    const text = squeeze(pages[0]!);
    for (const s of [
      `${issuer}书记讲给书记听`,
      `${issuer}2026年3月13日`,
      '张组督〔2026〕1号',
      '事项督办单',
      '农业农村局：',
      '2026年3月13日',
      '已逾期',
    ]) {
      assert.ok(text.includes(squeeze(s)), `the PDF says ${s}`);
    }
    assert.ok(!text.includes('—1—'), 'a single page has no page number');
  });
  test('the list of issued documents (公文): each kind newest first, filtered, scoped like the matters', async () => {
    const list = async (user: string, query: string) => {
      const r = await env.request(cookies[user]!, { method: 'GET', url: `/api/documents?${query}` });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as {
        items: {
          kind: string;
          id: string;
          docNo: string;
          issuedOn: string;
          matterId: string;
          unitName: string;
        }[];
        total: number;
      };
    };
    const assign = await list('towna', 'kind=assign');
    assert.equal(assign.total, 1);
    assert.equal(assign.items[0]!.matterId, matterId);
    assert.equal(assign.items[0]!.id, matterId, 'a 交办单 opens by its matter');
    assert.match(assign.items[0]!.docNo, /^.+交〔2026〕\d+号$/);
    assert.equal(assign.items[0]!.unitName, '农业农村局');
    assert.equal(assign.items[0]!.issuedOn, '2026-03-02');

    const supervise = await list('towna', 'kind=supervise');
    assert.ok(supervise.items.some((d) => d.id === supervisionId && d.unitName === '农业农村局'));
    const days = supervise.items.map((d) => d.issuedOn);
    assert.deepEqual(days, [...days].sort().reverse(), 'newest first');

    // The unit it went to sees them; another town sees none, and the totals agree.
    assert.equal((await list('deptd', 'kind=assign')).total, 1);
    assert.deepEqual(await list('townb', 'kind=assign'), { items: [], total: 0, page: 1, pageSize: 20 });
    assert.equal((await list('townb', 'kind=supervise')).total, 0);

    // Filters: the number, the dates.
    const no = assign.items[0]!.docNo;
    assert.equal((await list('towna', `kind=assign&q=${encodeURIComponent(no)}`)).total, 1);
    assert.equal((await list('towna', `kind=assign&q=${encodeURIComponent('不存在的文号')}`)).total, 0);
    assert.equal((await list('towna', 'kind=assign&from=2026-03-03')).total, 0);
    assert.equal((await list('towna', 'kind=assign&from=2026-03-01&to=2026-03-02')).total, 1);
    const bad = await env.request(cookies.towna!, { method: 'GET', url: '/api/documents?kind=memo' });
    assert.equal(bad.statusCode, 400);
  });

  test('the header search finds the matter by its 交办单 or 督办单 number, only where it is visible', async () => {
    const docs = async (kind: string) =>
      (await env.request(cookies.towna!, { method: 'GET', url: `/api/documents?kind=${kind}` })).json() as {
        items: { docNo: string; matterId: string }[];
      };
    const search = async (user: string, q: string) => {
      const r = await env.request(cookies[user]!, {
        method: 'GET',
        url: `/api/search?q=${encodeURIComponent(q)}`,
      });
      assert.equal(r.statusCode, 200, r.body);
      return (r.json() as { matters: { id: string }[] }).matters.map((m) => m.id);
    };
    const [assign] = (await docs('assign')).items;
    const supervise = (await docs('supervise')).items.find((d) => d.matterId === matterId);
    for (const no of [assign!.docNo, supervise!.docNo]) {
      assert.deepEqual(await search('towna', no), [matterId], no);
      assert.deepEqual(await search('deptd', no), [matterId], `the unit it went to: ${no}`);
      assert.deepEqual(await search('townb', no), [], `another town: ${no}`);
    }
    assert.deepEqual(await search('towna', '张组交〔2026〕999号'), []);
  });
});
