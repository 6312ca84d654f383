import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/platform/errors';
import { emptyCadreRecord, type CadreRecord } from '../../src/platform/lrmx/cadre-record';
import { LRMX_PHOTO_MAX_BYTES, parseLrmx, writeLrmx } from '../../src/platform/lrmx/lrmx';
import { sampleRecord, tinyJpeg } from '../helpers/lrmx-samples';

const refusedWith = (code: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, String(err));
  assert.equal(err.code, code, String((err.cause as Error | undefined)?.message));
  return true;
};

const person = (inner: string, decl = '<?xml version="1.0" encoding="utf-8"?>') =>
  Buffer.from(`${decl}\n<Person>${inner}</Person>`, 'utf8');

describe('reading .lrmx', () => {
  test('elements in any order, missing ones empty, family and photo', () => {
    const photo = tinyJpeg();
    const r = parseLrmx(
      person(`
        <JianLi>2001.09--2005.07  南京农业大学学习&#13;
2005.07--  张家港市某村</JianLi>
        <XingMing>王晓明</XingMing>
        <Unknown>ignored</Unknown>
        <JiaTingChengYuan>
          <Item><ChengWei>妻子</ChengWei><XingMing>李某</XingMing><ChuShengRiQi>198503</ChuShengRiQi>
            <ZhengZhiMianMao>群众</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>某公司职员</GongZuoDanWeiJiZhiWu></Item>
          <Item><ChengWei /><XingMing></XingMing></Item>
        </JiaTingChengYuan>
        <ZhaoPian>
          ${photo.toString('base64').replace(/(.{20})/g, '$1\n')}
        </ZhaoPian>
        <XingBie>男</XingBie>`),
    );
    assert.equal(r.name, '王晓明');
    assert.equal(r.gender, '男');
    assert.equal(r.ethnicity, '');
    assert.equal(r.resume, '2001.09--2005.07  南京农业大学学习\r\n2005.07--  张家港市某村');
    assert.deepEqual(r.family, [
      {
        relation: '妻子',
        name: '李某',
        birthMonth: '198503',
        politicalStatus: '群众',
        workUnitAndPost: '某公司职员',
      },
    ]);
    assert.deepEqual(r.photo, photo);
  });

  test('a namespaced root with attributes, a BOM, comments and CDATA', () => {
    const r = parseLrmx(
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          '<?xml version="1.0"?><!-- 任免表 --><p:Person xmlns:p="urn:x" a=\'1\'><XingMing><![CDATA[A<&>B]]></XingMing></p:Person>',
        ),
      ]),
    );
    assert.equal(r.name, 'A<&>B');
  });

  test('DOCTYPE and entity declarations are refused before anything is expanded', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>`;
    assert.throws(() => parseLrmx(Buffer.from(xxe)), refusedWith('LRMX_DTD_REFUSED'));
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k || ''};`.repeat(10)}">`),
      ']><Person><XingMing>&lol9;</XingMing></Person>',
    ].join('\n');
    assert.throws(() => parseLrmx(Buffer.from(lol)), refusedWith('LRMX_DTD_REFUSED'));
    assert.throws(
      () => parseLrmx(person('<XingMing>&nbsp;</XingMing>')),
      refusedWith('LRMX_MALFORMED'),
      'an undeclared entity is an error, not an expansion',
    );
  });

  test('other encodings are named and refused', () => {
    const gbDecl = person('<XingMing>x</XingMing>', '<?xml version="1.0" encoding="GB2312"?>');
    assert.throws(() => parseLrmx(gbDecl), refusedWith('LRMX_ENCODING'));
    const gbBytes = Buffer.concat([
      Buffer.from('<?xml version="1.0"?><Person><XingMing>'),
      Buffer.from([0xcd, 0xf5, 0xd0, 0xa1]), // 王小 in GBK
      Buffer.from('</XingMing></Person>'),
    ]);
    assert.throws(() => parseLrmx(gbBytes), refusedWith('LRMX_ENCODING'));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<Person/>', 'utf16le')]);
    assert.throws(() => parseLrmx(utf16), refusedWith('LRMX_ENCODING'));
    assert.throws(() => parseLrmx(Buffer.from('<Person/>', 'utf16le')), refusedWith('LRMX_ENCODING'));
  });

  test('the legacy 2.0 format, malformed XML and another root are refused', () => {
    assert.throws(
      () => parseLrmx(Buffer.from('"王晓明","男","198001"'), 'a.lrmx'),
      refusedWith('LRMX_LEGACY_FORMAT'),
    );
    assert.throws(() => parseLrmx(person(''), 'a.LRM'), refusedWith('LRMX_LEGACY_FORMAT'));
    for (const bad of [
      '<Person><XingMing>x</XingBie></Person>',
      '<Person><XingMing>x</XingMing>',
      '<Person>a & b</Person>',
      '<Person></Person><Person></Person>',
      '',
      'plain text',
    ])
      assert.throws(() => parseLrmx(Buffer.from(bad)), refusedWith('LRMX_MALFORMED'), bad);
    assert.throws(() => parseLrmx(Buffer.from('<Root/>')), refusedWith('LRMX_MALFORMED'));
    assert.throws(
      () => parseLrmx(Buffer.from(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`)),
      refusedWith('LRMX_MALFORMED'),
      'nesting depth is bounded',
    );
    assert.throws(
      () => parseLrmx(person('<a/>'.repeat(5000))),
      refusedWith('LRMX_MALFORMED'),
      'the element count is bounded',
    );
  });

  test('size limits and photo content', () => {
    assert.throws(
      () => parseLrmx(person(`<JianLi>${'x'.repeat(5 * 1024 * 1024)}</JianLi>`)),
      refusedWith('LRMX_TOO_LARGE'),
    );
    const big = Buffer.concat([tinyJpeg(), Buffer.alloc(LRMX_PHOTO_MAX_BYTES)]);
    assert.throws(
      () => parseLrmx(person(`<ZhaoPian>${big.toString('base64')}</ZhaoPian>`)),
      refusedWith('LRMX_PHOTO_TOO_LARGE'),
    );
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    assert.throws(
      () => parseLrmx(person(`<ZhaoPian>${gif.toString('base64')}</ZhaoPian>`)),
      refusedWith('LRMX_PHOTO_INVALID'),
    );
    assert.throws(
      () => parseLrmx(person('<ZhaoPian>not*base64</ZhaoPian>')),
      refusedWith('LRMX_PHOTO_INVALID'),
    );
  });
});

describe('writing .lrmx', () => {
  test('every element is written, even when empty', () => {
    const xml = writeLrmx(emptyCadreRecord()).toString('utf8');
    for (const name of ['XingMing', 'JianLi', 'JiaTingChengYuan', 'ZhaoPian', 'ShenFenZheng', 'Version'])
      assert.match(xml, new RegExp(`<${name} />`));
    assert.doesNotMatch(xml, /DaoLingNianYue/);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\r\n<Person>'));
  });

  test('a full record reads back the same', () => {
    const r = sampleRecord();
    assert.deepEqual(parseLrmx(writeLrmx(r)), r);
  });

  // Text XML can carry: no C0 controls but tab and line ends, no U+FFFE/U+FFFF; lone surrogates cannot
  // be UTF-8 at all (fast-check's string units are whole code points with `unit: 'grapheme'` or 'binary').
  const xmlText = fc
    .string({ unit: 'binary', maxLength: 40 })
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    .map((t) => t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
  const tricky = fc.constantFrom('<', '&', '"', "'", '>', ']]>', '\r\n', '\n', '\r', '😀', '&amp;', '  ');
  const text = fc.array(fc.oneof(xmlText, tricky), { maxLength: 6 }).map((parts) => parts.join(''));
  const member = fc
    .record({
      relation: text,
      name: text,
      birthMonth: text,
      politicalStatus: text,
      workUnitAndPost: text,
    })
    .filter((m) => Object.values(m).some((v) => v !== ''))
    .map((m) => ({ ...m })); // fast-check's records have no prototype; parsed ones do

  test('property: parse(write(x)) equals x', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'name',
            'gender',
            'resume',
            'rewardsAndPunishments',
            'appointmentReason',
            'idNumber',
            'version',
            'retirementMonth',
            'partyJoin',
          ),
          text,
        ),
        fc.record({ level: text, degree: text, levelSchoolMajor: text, degreeSchoolMajor: text }),
        fc.array(member, { maxLength: 4 }),
        fc.boolean(),
        (fields, education, family, withPhoto) => {
          const r: CadreRecord = {
            ...emptyCadreRecord(),
            ...fields,
            fullTimeEducation: { ...education },
            family,
            photo: withPhoto ? tinyJpeg() : null,
          };
          assert.deepEqual(parseLrmx(writeLrmx(r)), r);
        },
      ),
      { numRuns: 300 },
    );
  });
});
