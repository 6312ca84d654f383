import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFileKind, zipEntryNames } from '../../src/platform/files/file-kind';
import { readCompoundFile } from '../../src/platform/files/cfb';
import { writeXlsxSheet } from '../../src/platform/excel/xlsx-writer';
import { biffWorkbook, pptDocument, writeCfb, zipOf, type CfbNode } from '../helpers/office-files';

const docx = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' };

describe('attachment content must match its extension', () => {
  test('the leading bytes of each kind', () => {
    assert.equal(checkFileKind('pdf', Buffer.from('%PDF-1.7\n...')), null);
    assert.equal(checkFileKind('pdf', Buffer.from('<html>')), 'ATTACHMENT_CONTENT_MISMATCH');
    assert.equal(checkFileKind('jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0])), null);
    assert.equal(checkFileKind('jpeg', Buffer.from([0xff, 0xd8])), 'ATTACHMENT_CONTENT_MISMATCH');
    assert.equal(checkFileKind('png', Buffer.from('89504e470d0a1a0a0000', 'hex')), null);
    assert.equal(checkFileKind('webp', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')), null);
    assert.equal(
      checkFileKind('webp', Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')),
      'ATTACHMENT_CONTENT_MISMATCH',
    );
    assert.equal(
      checkFileKind('doc', writeCfb([{ name: 'WordDocument', data: Buffer.alloc(600, 1) }])),
      null,
    );
    assert.equal(
      checkFileKind('doc', Buffer.from('d0cf11e0a1b11ae10000', 'hex')),
      'ATTACHMENT_CONTENT_MISMATCH',
      'the magic alone is not a compound file',
    );
    assert.equal(checkFileKind('xls', Buffer.from('504b0304', 'hex')), 'ATTACHMENT_CONTENT_MISMATCH');
  });

  test('text is well-formed UTF-8 without NUL bytes', () => {
    assert.equal(checkFileKind('txt', Buffer.from('会议纪要\r\n第一条')), null);
    assert.equal(
      checkFileKind('txt', Buffer.from([0xc4, 0xe3, 0xba, 0xc3])),
      'ATTACHMENT_CONTENT_MISMATCH',
      'GBK bytes',
    );
    assert.equal(checkFileKind('txt', Buffer.from([0x61, 0x00])), 'ATTACHMENT_CONTENT_MISMATCH');
  });

  test('an Office Open XML file is a zip with the right part, and without macros', () => {
    assert.deepEqual(zipEntryNames(zipOf(docx)), ['[Content_Types].xml', 'word/document.xml']);
    assert.equal(checkFileKind('docx', zipOf(docx)), null);
    assert.equal(checkFileKind('xlsx', zipOf(docx)), 'ATTACHMENT_CONTENT_MISMATCH', 'a docx is not an xlsx');
    assert.equal(checkFileKind('docx', zipOf({ 'word/document.xml': '' })), 'ATTACHMENT_CONTENT_MISMATCH');
    assert.equal(
      checkFileKind('docx', zipOf({ ...docx, 'word/vbaProject.bin': 'macro' })),
      'ATTACHMENT_MACROS',
    );
    const truncated = zipOf(docx).subarray(0, 60);
    assert.equal(checkFileKind('docx', truncated), 'ATTACHMENT_CONTENT_MISMATCH');
    const lying = zipOf(docx);
    lying.writeUInt16LE(50, lying.length - 12); // the end record claims 50 entries
    assert.equal(zipEntryNames(lying), null);
  });
});

/** The storages Excel and Word keep a VBA project in (what a macro-enabled .xls/.doc carries). */
const vbaStorage = (name: string): CfbNode => ({
  name,
  children: [
    {
      name: 'VBA',
      children: [
        { name: 'dir', data: Buffer.alloc(300, 7) },
        { name: '_VBA_PROJECT', data: Buffer.alloc(7, 0xcc) },
      ],
    },
    { name: 'PROJECT', data: Buffer.from('ID="{00000000-0000-0000-0000-000000000000}"\r\n') },
  ],
});
const cleanXls = () => [
  { name: 'Workbook', data: biffWorkbook([0, 0]) },
  { name: '\u0005SummaryInformation', data: Buffer.alloc(200) },
];
const cleanDoc = () => [
  { name: 'WordDocument', data: Buffer.alloc(5000, 1) },
  { name: '1Table', data: Buffer.alloc(900, 2) },
];

describe('legacy Office files (compound files): macros are refused by their storages and records', () => {
  test('the reader follows the FAT: directory, mini stream and regular streams come back as written', () => {
    const cf = readCompoundFile(writeCfb([...cleanDoc(), vbaStorage('Macros')], { scatterDirectory: true }))!;
    assert.ok(cf);
    const names = cf.entries.map((e) => e.name);
    assert.deepEqual(names.slice(0, 1), ['Root Entry']);
    for (const n of ['WordDocument', '1Table', 'Macros', 'VBA', 'dir', '_VBA_PROJECT', 'PROJECT'])
      assert.ok(names.includes(n), n);
    const word = cf.entries.find((e) => e.name === 'WordDocument')!;
    assert.deepEqual(cf.read(word), Buffer.alloc(5000, 1));
    const small = cf.entries.find((e) => e.name === '1Table')!;
    assert.deepEqual(cf.read(small), Buffer.alloc(900, 2));
  });

  test('clean .xls, .doc and .ppt are accepted', () => {
    assert.equal(checkFileKind('xls', writeCfb(cleanXls())), null);
    assert.equal(checkFileKind('xls', writeCfb([{ name: 'Workbook', data: biffWorkbook([0], 9000) }])), null);
    assert.equal(checkFileKind('doc', writeCfb(cleanDoc())), null);
    assert.equal(checkFileKind('doc', writeCfb(cleanDoc(), { scatterDirectory: true })), null);
    assert.equal(
      checkFileKind('ppt', writeCfb([{ name: 'PowerPoint Document', data: pptDocument(false) }])),
      null,
    );
  });

  test('a VBA project storage is refused in .xls (_VBA_PROJECT_CUR) and .doc (Macros), in any letter case or layout', () => {
    assert.equal(
      checkFileKind('xls', writeCfb([...cleanXls(), vbaStorage('_VBA_PROJECT_CUR')])),
      'ATTACHMENT_MACROS',
    );
    assert.equal(checkFileKind('doc', writeCfb([...cleanDoc(), vbaStorage('Macros')])), 'ATTACHMENT_MACROS');
    assert.equal(checkFileKind('doc', writeCfb([...cleanDoc(), vbaStorage('macros')])), 'ATTACHMENT_MACROS');
    assert.equal(
      checkFileKind(
        'xls',
        writeCfb([...cleanXls(), vbaStorage('_vba_project_cur')], { scatterDirectory: true }),
      ),
      'ATTACHMENT_MACROS',
    );
    // A bare VBA storage or _VBA_PROJECT stream anywhere is enough.
    assert.equal(
      checkFileKind('doc', writeCfb([...cleanDoc(), { name: 'VBA', children: [] }])),
      'ATTACHMENT_MACROS',
    );
    assert.equal(
      checkFileKind(
        'xls',
        writeCfb([
          ...cleanXls(),
          { name: 'x', children: [{ name: '_VBA_PROJECT', data: Buffer.alloc(10) }] },
        ]),
      ),
      'ATTACHMENT_MACROS',
    );
  });

  test('Excel 4.0 macro sheets in the workbook stream and a VBAInfo record in a presentation are refused', () => {
    assert.equal(
      checkFileKind('xls', writeCfb([{ name: 'Workbook', data: biffWorkbook([0, 1]) }])),
      'ATTACHMENT_MACROS',
    );
    assert.equal(
      checkFileKind('xls', writeCfb([{ name: 'Workbook', data: biffWorkbook([1], 9000) }])),
      'ATTACHMENT_MACROS',
      'in regular sectors too',
    );
    assert.equal(
      checkFileKind('ppt', writeCfb([{ name: 'PowerPoint Document', data: pptDocument(true) }])),
      'ATTACHMENT_MACROS',
    );
  });

  test('a compound file that is not the format named, or whose chains are broken, is a mismatch', () => {
    assert.equal(
      checkFileKind('doc', writeCfb(cleanXls())),
      'ATTACHMENT_CONTENT_MISMATCH',
      'an .xls is not a .doc',
    );
    const looping = writeCfb(cleanDoc());
    const dirStart = looping.readUInt32LE(0x30);
    looping.writeUInt32LE(dirStart, 512 + dirStart * 4); // the directory's FAT entry points to itself
    assert.equal(checkFileKind('doc', looping), 'ATTACHMENT_CONTENT_MISMATCH');
    const cut = writeCfb(cleanDoc()).subarray(0, 1024);
    assert.equal(checkFileKind('doc', cut), 'ATTACHMENT_CONTENT_MISMATCH');
  });
});

const CT = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="xml" ContentType="application/xml"/>${body}</Types>`;
const MAIN =
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
const xlsxWith = (types: string, parts: Record<string, string> = {}) =>
  zipOf({ '[Content_Types].xml': CT(types), 'xl/workbook.xml': '<workbook/>', ...parts });

describe('OOXML macros are refused by the content types declared, whatever the part is called', () => {
  test('a real spreadsheet from exceljs is accepted', async () => {
    const xlsx = await writeXlsxSheet('表', [{ header: '村', width: 10 }], [['新塍村']]);
    assert.equal(checkFileKind('xlsx', xlsx), null);
    assert.equal(checkFileKind('xlsx', xlsxWith(MAIN)), null);
  });

  test('a VBA project under another name, declared by Override or by a Default extension, is refused', () => {
    const renamed =
      '<Override PartName="/xl/media/image9.bin" ContentType="application/vnd.ms-office.vbaProject"/>';
    assert.equal(
      checkFileKind('xlsx', xlsxWith(MAIN + renamed, { 'xl/media/image9.bin': 'VBA' })),
      'ATTACHMENT_MACROS',
    );
    const byDefault = '<Default Extension="dat" ContentType="application/vnd.ms-office.vbaProject"/>';
    assert.equal(
      checkFileKind('xlsx', xlsxWith(MAIN + byDefault, { 'xl/x.dat': 'VBA' })),
      'ATTACHMENT_MACROS',
    );
  });

  test('macro-enabled main parts, macro sheets, Word VBA data and ActiveX are refused', () => {
    for (const ct of [
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
      'application/vnd.ms-word.document.macroEnabled.main+xml',
      'application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml',
      'application/vnd.ms-excel.macrosheet+xml',
      'application/vnd.ms-word.vbaData+xml',
      'application/vnd.ms-office.activeX+xml',
      'application/vnd.ms-office.activeX',
    ])
      assert.equal(
        checkFileKind('xlsx', xlsxWith(`<Override PartName="/xl/p.xml" ContentType="${ct}"/>`)),
        'ATTACHMENT_MACROS',
        ct,
      );
  });

  test('spellings an XML parser reads the same way are refused too: character references, UTF-16, stored or deflated', () => {
    const encoded = '<Override PartName="/xl/a.bin" ContentType="application/vnd.ms-office.vba&#80;roject"/>';
    assert.equal(checkFileKind('xlsx', xlsxWith(MAIN + encoded)), 'ATTACHMENT_MACROS');
    const hex = '<Override PartName="/xl/a.bin" ContentType="application/vnd.ms-office.vba&#x50;roject"/>';
    assert.equal(checkFileKind('xlsx', xlsxWith(MAIN + hex)), 'ATTACHMENT_MACROS');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        CT('<Override PartName="/xl/a.bin" ContentType="application/vnd.ms-office.vbaProject"/>'),
        'utf16le',
      ),
    ]);
    assert.equal(
      checkFileKind('xlsx', zipOf({ '[Content_Types].xml': utf16, 'xl/workbook.xml': '<workbook/>' })),
      'ATTACHMENT_MACROS',
    );
    const stored = zipOf(
      {
        '[Content_Types].xml': CT(
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
        ),
        'xl/workbook.xml': '',
      },
      { stored: true },
    );
    assert.equal(checkFileKind('xlsx', stored), 'ATTACHMENT_MACROS');
  });

  test('a second content-types part, or one too large to be real (a zip bomb), is refused without inflating it all', () => {
    const twice = zipOf({
      '[Content_Types].xml': CT(MAIN),
      '[content_types].xml': CT(''),
      'xl/workbook.xml': '',
    });
    assert.equal(checkFileKind('xlsx', twice), 'ATTACHMENT_CONTENT_MISMATCH');
    const bomb = zipOf({
      '[Content_Types].xml': Buffer.alloc(50 * 1024 * 1024, 0x20),
      'xl/workbook.xml': '',
    });
    assert.ok(bomb.length < 200 * 1024);
    const t0 = Date.now();
    assert.equal(checkFileKind('xlsx', bomb), 'ATTACHMENT_CONTENT_MISMATCH');
    // The same bytes with a central directory that understates the size: inflation stops at the cap.
    const lying = Buffer.from(bomb);
    const cd = lying.readUInt32LE(lying.length - 6);
    lying.writeUInt32LE(100, cd + 24);
    assert.equal(checkFileKind('xlsx', lying), 'ATTACHMENT_CONTENT_MISMATCH');
    assert.ok(Date.now() - t0 < 2000);
  });
});
