import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/database';
import { ATTACHMENT_LIMITS } from '@xinhuo/shared';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';
import { writeXlsxSheet } from '../../src/platform/excel/xlsx-writer';
import { pngImage } from '../../src/demo/demo-files';
import { UPLOADS_PER_MINUTE } from '../../src/modules/attachments/attachments.routes';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { biffWorkbook, writeCfb, zipOf } from '../helpers/office-files';
import sharp from 'sharp';
import { THUMBNAIL_EDGE } from '../../src/platform/files/thumbnail';

const MISSING = '01900000-0000-7000-8000-000000000000';

const tinyPng = () => pngImage(2, 2);

describe('attachments of matters and meetings', () => {
  let env: TestEnv;
  let mc: ReturnType<typeof matterClient>;
  const cookies: Record<string, string> = {};
  let inA1: { id: string };
  let inA2: { id: string };
  let db: Db;

  const upload = (user: string, ownerUrl: string, name: string, bytes: Buffer, lang = 'zh-CN') =>
    env.request(cookies[user]!, {
      method: 'POST',
      url: `${ownerUrl}/attachments`,
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        'accept-language': lang,
      },
      payload: bytes,
    });
  const get = (user: string, url: string) => env.request(cookies[user]!, { method: 'GET', url });
  const del = (user: string, url: string) => env.request(cookies[user]!, { method: 'DELETE', url });

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['city1', 'towna', 'townb', 'seca1', 'deptd', 'leader1']) cookies[u] = await env.login(u);
    mc = matterClient(env, cookies);
    inA1 = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    inA2 = await mc.raise('towna', sampleMatter(env.seed.villageA2, { raiserName: '李强' }));
    db = env.services.db;
  });
  after(() => env.close());

  test('the raiser uploads a photo; people who can see the matter list and download the same bytes', async () => {
    const png = tinyPng();
    const r = await upload('seca1', `/api/matters/${inA1.id}`, '现场照片 1.png', png);
    assert.equal(r.statusCode, 201, r.body);
    const item = r.json();
    assert.equal(item.name, '现场照片 1.png');
    assert.equal(item.size, png.length);
    assert.equal(item.uploaderName, 'seca1');
    assert.equal(item.canDelete, true);

    const town = (await get('towna', `/api/matters/${inA1.id}/attachments`)).json();
    assert.equal(town.items.length, 1);
    assert.equal(town.items[0].canDelete, false, 'only the uploader deletes');
    assert.equal(town.canUpload, true);

    const dl = await get('towna', `/api/matters/${inA1.id}/attachments/${item.id}`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.deepEqual(dl.rawPayload, png);
    assert.equal(
      dl.headers['content-disposition'],
      `attachment; filename="attachment.png"; filename*=UTF-8''${encodeURIComponent('现场照片 1.png')}`,
    );
    assert.match(String(dl.headers['content-security-policy']), /sandbox/);
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    const inline = await get('towna', `/api/matters/${inA1.id}/attachments/${item.id}?disposition=inline`);
    assert.match(String(inline.headers['content-disposition']), /^inline;/);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', 'in', ['attachment_upload', 'attachment_download'])
      .execute();
    assert.deepEqual(audit.map((a: { action: string }) => a.action).sort(), [
      'attachment_download',
      'attachment_download',
      'attachment_upload',
    ]);
  });

  test('the bytes are sealed at rest, and a tampered file is refused, not served', async () => {
    const marker = '现场核查记录 secret-marker-7731';
    const r = await upload('towna', `/api/matters/${inA2.id}`, '核查记录.txt', Buffer.from(marker));
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json().id;
    const row = await db
      .selectFrom('attachment_contents')
      .select('content')
      .where('attachment_id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = Buffer.from(row.content as Uint8Array);
    assert.equal(stored.includes(Buffer.from('secret-marker-7731')), false, 'no plaintext in the database');
    const ok = await get('towna', `/api/matters/${inA2.id}/attachments/${id}`);
    assert.equal(ok.body, marker);
    assert.equal(ok.headers['content-type'], 'text/plain; charset=utf-8');

    stored[stored.length - 1] ^= 0xff;
    await db
      .updateTable('attachment_contents')
      .set({ content: stored })
      .where('attachment_id', '=', id)
      .execute();
    const bad = await get('towna', `/api/matters/${inA2.id}/attachments/${id}`);
    assert.equal(bad.statusCode, 500);
    assert.equal(bad.json().error.code, 'ATTACHMENT_INTEGRITY');
    const v = await db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'integrity_violation')
      .execute();
    assert.ok(v.some((x) => x.object_id === id));
  });

  test("another town's files are 404 exactly like missing ones, on every route, and audited", async () => {
    const { items } = (await get('towna', `/api/matters/${inA1.id}/attachments`)).json();
    const fileId = items[0].id;
    const strip = (b: string) => ({ ...JSON.parse(b).error, requestId: undefined });
    const missingBody = strip((await get('townb', `/api/matters/${MISSING}/attachments`)).body);
    const attempts = [
      await get('townb', `/api/matters/${inA1.id}/attachments`),
      await get('townb', `/api/matters/${inA1.id}/attachments/${fileId}`),
      await del('townb', `/api/matters/${inA1.id}/attachments/${fileId}`),
      await upload('townb', `/api/matters/${inA1.id}`, 'x.png', tinyPng()),
      // The file id under a matter it does not belong to.
      await get('towna', `/api/matters/${inA2.id}/attachments/${fileId}`),
      await get('towna', `/api/matters/${inA1.id}/attachments/${MISSING}`),
    ];
    for (const r of attempts) {
      assert.equal(r.statusCode, 404, r.body);
      assert.deepEqual(strip(r.body), missingBody);
    }
    const denied = await db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'access_denied')
      .where('object_id', '=', inA1.id)
      .execute();
    assert.ok(denied.length >= 4, `each out-of-scope attempt is audited (${denied.length})`);
    assert.equal(
      (await db.selectFrom('attachments').select('id').where('owner_id', '=', inA1.id).execute()).length,
      1,
      'nothing was added',
    );
  });

  test('a unit sees files only of matters assigned to it; a read-only leader cannot upload', async () => {
    assert.equal((await get('deptd', `/api/matters/${inA2.id}/attachments`)).statusCode, 404);
    await mc.ok('towna', inA2.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
    const list = await get('deptd', `/api/matters/${inA2.id}/attachments`);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().canUpload, true);
    const r = await upload('deptd', `/api/matters/${inA2.id}`, '办理情况.png', tinyPng());
    assert.equal(r.statusCode, 201, r.body);

    const leader = await get('leader1', `/api/matters/${inA2.id}/attachments`);
    assert.equal(leader.json().canUpload, false);
    const refused = await upload('leader1', `/api/matters/${inA2.id}`, '领导.png', tinyPng());
    assert.equal(refused.statusCode, 403);
  });

  test('bad files get a clear reason in the user language, and nothing is stored', async () => {
    const url = `/api/matters/${inA1.id}`;
    const before = (await db.selectFrom('attachments').select('id').execute()).length;
    const code = async (name: string, bytes: Buffer, lang?: string) => {
      const r = await upload('seca1', url, name, bytes, lang);
      return { status: r.statusCode, code: r.json().error?.code as string, message: r.json().error?.message };
    };
    assert.deepEqual(await code('空.pdf', Buffer.alloc(0)), {
      status: 400,
      code: 'ATTACHMENT_EMPTY',
      message: '附件是空文件',
    });
    assert.equal((await code('setup.exe', Buffer.from('MZ...'))).code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    assert.equal((await code('noextension', Buffer.from('abc'))).code, 'ATTACHMENT_NAME_INVALID');
    const html = await code('通知.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'en');
    assert.equal(html.status, 415);
    assert.equal(html.code, 'ATTACHMENT_CONTENT_MISMATCH');
    assert.equal(html.message, 'The file content does not match its extension, or the file is damaged');
    assert.equal((await code('照片.jpg', tinyPng())).code, 'ATTACHMENT_CONTENT_MISMATCH');
    assert.equal(
      (await code('二进制.txt', Buffer.from([0x41, 0, 0x42]))).code,
      'ATTACHMENT_CONTENT_MISMATCH',
    );
    const xlsx = await writeXlsxSheet('表', [{ header: '村', width: 10 }], [['新塍村']]);
    assert.equal(
      (await code('伪装.docx', xlsx)).code,
      'ATTACHMENT_CONTENT_MISMATCH',
      'an xlsx is not a docx',
    );
    const big = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes + 1, 0x41);
    assert.deepEqual(await code('大文件.txt', big), {
      status: 413,
      code: 'ATTACHMENT_TOO_LARGE',
      message: '附件不能超过 10 MB',
    });
    const badName = await env.request(cookies.seca1!, {
      method: 'POST',
      url: `${url}/attachments`,
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': '%E0%A4%A' },
      payload: Buffer.from('x'),
    });
    assert.equal(badName.json().error.code, 'ATTACHMENT_NAME_INVALID');
    const json = await env.request(cookies.seca1!, {
      method: 'POST',
      url: `${url}/attachments`,
      headers: { 'x-file-name': 'a.txt' },
      payload: { a: 1 },
    });
    assert.equal(json.statusCode, 415, 'the upload route takes raw bytes, not JSON');
    const octetOnJsonRoute = await env.request(cookies.seca1!, {
      method: 'POST',
      url: '/api/matters',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('{}'),
    });
    assert.equal(octetOnJsonRoute.statusCode, 415, 'other routes stay JSON-only');
    const anonymous = await env.request(null, {
      method: 'POST',
      url: `${url}/attachments`,
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.txt' },
      payload: Buffer.from('x'),
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(
      (await db.selectFrom('attachments').select('id').execute()).length,
      before,
      'nothing stored',
    );
    const rejected = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'attachment_rejected')
      .execute();
    assert.ok(rejected.length >= 4, 'content refusals are audited with the file hash');
  });

  test('legacy Office files with a VBA project and OOXML with a renamed macro part are refused; clean ones stored', async () => {
    const url = `/api/matters/${inA1.id}`;
    const workbook = { name: 'Workbook', data: biffWorkbook([0]) };
    const clean = await upload('seca1', url, '台账.xls', writeCfb([workbook]));
    assert.equal(clean.statusCode, 201, clean.body);
    const macro = writeCfb([
      workbook,
      {
        name: '_VBA_PROJECT_CUR',
        children: [{ name: 'VBA', children: [{ name: 'dir', data: Buffer.alloc(64) }] }],
      },
    ]);
    const refused = await upload('seca1', url, '台账.xls', macro, 'en');
    assert.equal(refused.statusCode, 415);
    assert.equal(refused.json().error.code, 'ATTACHMENT_MACROS');
    const renamed = zipOf({
      '[Content_Types].xml':
        '<Types><Override PartName="/word/media/a.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
      'word/document.xml': '<w:document/>',
      'word/media/a.bin': 'VBA',
    });
    assert.equal((await upload('seca1', url, '通知.docx', renamed)).json().error.code, 'ATTACHMENT_MACROS');
    assert.equal((await del('seca1', `${url}/attachments/${clean.json().id}`)).statusCode, 204);
  });

  test('file names are made safe: no path, no control or bidi characters, bounded length', async () => {
    const url = `/api/matters/${inA1.id}`;
    const name = async (raw: string) => {
      const r = await upload('seca1', url, raw, Buffer.from('text'));
      assert.equal(r.statusCode, 201, r.body);
      await del('seca1', `${url}/attachments/${r.json().id}`);
      return r.json().name as string;
    };
    assert.equal(await name('../../etc/passwd.txt'), 'passwd.txt');
    assert.equal(await name('C:\\Users\\王\\会议\u202Etxt.exe.txt'), '会议txt.exe.txt');
    assert.equal(await name('line\r\nbreak.txt'), 'linebreak.txt');
    const long = await name(`${'长'.repeat(300)}.txt`);
    assert.equal([...long].length, ATTACHMENT_LIMITS.nameMax);
    assert.ok(long.endsWith('.txt'));
  });

  test('only the uploader deletes, while the matter is open; deleted files are gone from lists and downloads', async () => {
    const url = `/api/matters/${inA1.id}`;
    const r = await upload('seca1', url, '误传.png', tinyPng());
    const id = r.json().id;
    assert.equal((await del('towna', `${url}/attachments/${id}`)).statusCode, 403);
    assert.equal((await del('seca1', `${url}/attachments/${id}`)).statusCode, 204);
    assert.equal((await del('seca1', `${url}/attachments/${id}`)).statusCode, 404);
    assert.equal((await get('towna', `${url}/attachments/${id}`)).statusCode, 404);
    const names = (await get('towna', `${url}/attachments`))
      .json()
      .items.map((i: { name: string }) => i.name);
    assert.deepEqual(names, ['现场照片 1.png']);
    const audited = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'attachment_delete')
      .execute();
    assert.ok(audited.length >= 1);
  });

  test('at most 20 files per matter, and none once it is closed', async () => {
    const m = await mc.raise('towna', sampleMatter(env.seed.villageA1, { raiserName: '陆婷婷' }));
    const url = `/api/matters/${m.id}`;
    for (let i = 0; i < ATTACHMENT_LIMITS.perOwner; i++) {
      const r = await upload('towna', url, `第${i + 1}页.txt`, Buffer.from(`page ${i}`));
      assert.equal(r.statusCode, 201, r.body);
    }
    const over = await upload('towna', url, '第21页.txt', Buffer.from('x'));
    assert.equal(over.statusCode, 409);
    assert.equal(over.json().error.code, 'ATTACHMENT_LIMIT_REACHED');

    await mc.ok('towna', m.id, {
      action: 'close_side',
      version: 1,
      outcome: 'explained',
      reason: '已当面解释',
    });
    const closed = await upload('towna', url, '补充.txt', Buffer.from('x'));
    assert.equal(closed.json().error.code, 'ATTACHMENT_READ_ONLY');
    const list = (await get('towna', `${url}/attachments`)).json();
    assert.equal(list.canUpload, false);
    assert.equal(list.items.length, 20, 'the files stay readable');
    assert.equal(list.items[0].canDelete, false);
  });

  test('30 uploads racing for one matter leave exactly 20; the other 10 are refused ATTACHMENT_LIMIT_REACHED', async () => {
    const m = await mc.raise('towna', sampleMatter(env.seed.villageA1, { raiserName: '陆婷婷' }));
    // Straight to the service, all at once: on PostgreSQL they run in parallel transactions of the pool.
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        env.services.attachments.upload(SYSTEM_CALLER, 'matter', m.id, {
          name: `并发${i + 1}.txt`,
          bytes: Buffer.from(`race ${i}`),
        }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(results.length - refused.length, ATTACHMENT_LIMITS.perOwner);
    for (const r of refused)
      assert.equal((r as PromiseRejectedResult).reason.code, 'ATTACHMENT_LIMIT_REACHED');
    const stored = await db
      .selectFrom('attachments')
      .select('id')
      .where('owner_id', '=', m.id)
      .where('deleted_at', 'is', null)
      .execute();
    assert.equal(stored.length, ATTACHMENT_LIMITS.perOwner);
    // And over HTTP: the 21st is refused with a 409.
    const over = await upload('towna', `/api/matters/${m.id}`, '再来一个.txt', Buffer.from('x'));
    assert.equal(over.statusCode, 409);
    assert.equal(over.json().error.code, 'ATTACHMENT_LIMIT_REACHED');
  });

  test('meeting files: the host edits them, others in scope read them, another town gets 404', async () => {
    const r = await env.request(cookies.towna!, {
      method: 'POST',
      url: '/api/meetings',
      payload: {
        title: 'A镇村书记座谈会',
        meetingDate: '2026-03-02',
        hostLevel: 'town',
        hostOrgId: env.seed.townA,
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    const url = `/api/meetings/${r.json().id}`;
    const xlsx = await writeXlsxSheet('签到', [{ header: '姓名', width: 10 }], [['陆婷婷']]);
    const up = await upload('towna', url, '签到表.xlsx', xlsx);
    assert.equal(up.statusCode, 201, up.body);
    const dl = await get('city1', `${url}/attachments/${up.json().id}`);
    assert.deepEqual(dl.rawPayload, xlsx);
    assert.equal(
      dl.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.equal((await get('city1', `${url}/attachments`)).json().canUpload, true);
    assert.equal((await get('townb', `${url}/attachments`)).statusCode, 404);
    assert.equal(
      (await upload('seca1', url, 'x.png', tinyPng())).statusCode,
      403,
      'a secretary reads, not edits',
    );
  });

  test('an image gets a small upright thumbnail without its metadata; viewing it is scoped and is not a download', async () => {
    const m = await mc.raise('towna', sampleMatter(env.seed.villageA1, { raiserName: '周敏' }));
    const url = `/api/matters/${m.id}`;
    // A 1600×800 phone photo taken sideways (EXIF orientation 6: shown as 800×1600), with a GPS position.
    const photo = await sharp({ create: { width: 1600, height: 800, channels: 3, background: '#3a7' } })
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'XinhuoPhone' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 52/1 0/1' },
      })
      .toBuffer();
    const source = await sharp(photo).metadata();
    assert.equal(source.orientation, 6);
    assert.ok(source.exif?.includes('XinhuoPhone'), 'the photo carries EXIF');
    const up = await upload('towna', url, '现场照片.jpg', photo);
    assert.equal(up.statusCode, 201, up.body);
    const id = up.json().id as string;

    const thumb = await get('towna', `${url}/attachments/${id}/thumbnail`);
    assert.equal(thumb.statusCode, 200, thumb.body);
    assert.equal(thumb.headers['content-type'], 'image/webp');
    assert.equal(thumb.headers['cache-control'], 'private, max-age=86400');
    assert.match(String(thumb.headers['content-security-policy']), /sandbox/);
    const meta = await sharp(thumb.rawPayload).metadata();
    assert.equal(meta.format, 'webp');
    assert.deepEqual([meta.width, meta.height], [THUMBNAIL_EDGE / 2, THUMBNAIL_EDGE], 'upright and small');
    assert.equal(meta.exif, undefined, 'no EXIF (no GPS position) in the thumbnail');
    assert.ok(
      thumb.rawPayload.length * 10 < photo.length,
      `${thumb.rawPayload.length} vs ${photo.length} bytes`,
    );
    // Other answers of the API still are never stored.
    assert.equal((await get('towna', `${url}/attachments`)).headers['cache-control'], 'no-store');

    const stored = await db
      .selectFrom('attachment_thumbnails')
      .select('content')
      .where('attachment_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(Buffer.from(stored.content).includes(Buffer.from('WEBP')), false, 'sealed at rest');

    // Scope: another town gets the same 404 as for a missing file.
    assert.equal((await get('townb', `${url}/attachments/${id}/thumbnail`)).statusCode, 404);
    assert.equal((await get('towna', `${url}/attachments/${MISSING}/thumbnail`)).statusCode, 404);

    // An image stored before thumbnails existed gets one on its first view, once.
    await db.deleteFrom('attachment_thumbnails').where('attachment_id', '=', id).execute();
    const again = await get('towna', `${url}/attachments/${id}/thumbnail`);
    assert.equal(again.statusCode, 200);
    const rows = await db
      .selectFrom('attachment_thumbnails')
      .select('attachment_id')
      .where('attachment_id', '=', id)
      .execute();
    assert.equal(rows.length, 1);

    // Not an image, or an image that cannot be decoded: no thumbnail, the file itself stays.
    const text = (await upload('towna', url, '说明.txt', Buffer.from('说明'))).json().id as string;
    assert.equal((await get('towna', `${url}/attachments/${text}/thumbnail`)).statusCode, 404);
    const broken = Buffer.concat([tinyPng().subarray(0, 33), Buffer.alloc(64, 7)]);
    const b = await upload('towna', url, '损坏.png', broken);
    assert.equal(b.statusCode, 201, b.body);
    assert.equal((await get('towna', `${url}/attachments/${b.json().id}/thumbnail`)).statusCode, 404);
    assert.equal((await get('towna', `${url}/attachments/${b.json().id}`)).statusCode, 200);

    // Viewing thumbnails wrote no download rows; opening the file writes one.
    const downloads = async () =>
      (
        await db
          .selectFrom('audit_log')
          .select('object_id')
          .where('action', '=', 'attachment_download')
          .where('object_id', '=', id)
          .execute()
      ).length;
    assert.equal(await downloads(), 0);
    await get('towna', `${url}/attachments/${id}?disposition=inline`);
    assert.equal(await downloads(), 1);
  });

  test('uploads are rate-limited per user, and the refusal is audited', async () => {
    const url = `/api/matters/${inA2.id}`;
    const statuses: number[] = [];
    for (let i = 0; i < UPLOADS_PER_MINUTE + 1; i++)
      statuses.push((await upload('city1', url, 'x.exe', Buffer.from('x'))).statusCode);
    assert.equal(statuses.filter((s) => s === 429).length, 1, statuses.join(','));
    assert.equal(statuses.at(-1), 429);
    const other = await upload('towna', url, 'y.exe', Buffer.from('x'));
    assert.equal(other.statusCode, 415, 'another user is not affected');
    const limited = await db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'rate_limited')
      .execute();
    assert.deepEqual(
      limited.map((r) => r.object_id),
      ['/api/matters/:id/attachments'],
    );
  });
});
