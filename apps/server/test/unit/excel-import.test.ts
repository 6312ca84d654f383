import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../src/platform/errors';
import type { ImportColumn } from '../../src/platform/excel/import-columns';
import { readImportWorkbook, type ImportRow } from '../../src/platform/excel/import-reader';
import { writeImportTemplate } from '../../src/platform/excel/import-template';
import { writeAnnotatedCopy } from '../../src/platform/excel/annotated-copy';
import { writeStreamedWorkbook } from '../../src/platform/excel/xlsx-writer';
import { biffWorkbook, writeCfb, zipOf } from '../helpers/office-files';

/** A long code table (over Excel's 255-character inline list limit) and a short one. */
const LONG_CHOICES = Array.from(
  { length: 60 },
  (_, i) => `选项${String(i + 1).padStart(2, '0')}（较长的说明文字）`,
);
const COLUMNS: ImportColumn[] = [
  {
    key: 'name',
    header: { zh: '姓名', en: 'Name' },
    type: 'text',
    required: true,
    note: { zh: '与身份证一致', en: 'As on the ID card' },
  },
  {
    key: 'idNumber',
    header: { zh: '身份证号', en: 'ID number' },
    type: 'identifier',
    required: true,
    note: { zh: '18位', en: '18 characters' },
  },
  { key: 'gender', header: { zh: '性别', en: 'Gender' }, type: 'text', choices: ['男', '女'] },
  { key: 'birthDate', header: { zh: '出生日期', en: 'Date of birth' }, type: 'date' },
  { key: 'education', header: { zh: '学历', en: 'Education' }, type: 'text', choices: LONG_CHOICES },
  { key: 'phone', header: { zh: '手机号', en: 'Mobile' }, type: 'identifier', aliases: ['联系电话'] },
];

type Cell = string | number | Date | null;

/** A real .xlsx with these rows on its first sheet (the first row is the header). */
async function workbook(rows: Cell[][], opts: { sheetName?: string } = {}): Promise<Buffer> {
  return writeStreamedWorkbook((wb) => {
    const ws = wb.addWorksheet(opts.sheetName ?? '数据');
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
  });
}

async function readAll(buf: Buffer | Readable, columns = COLUMNS) {
  const rows: ImportRow[] = [];
  const progress: number[] = [];
  const result = await readImportWorkbook(buf, columns, {
    onRow: (r) => void rows.push(r),
    onProgress: (n) => progress.push(n),
    progressEvery: 2,
  });
  return { ...result, rows, progress };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('Excel import template', () => {
  test('a real .xlsx with notes, drop-down lists (inline and on a hidden sheet), formats and a frozen header', async () => {
    const buf = await writeImportTemplate(COLUMNS, {
      lang: 'zh-CN',
      sheetName: { zh: '人员', en: 'People' },
      instructions: [{ zh: '每行一人。', en: 'One person per row.' }],
      rows: 100,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => [w.name, w.state]),
      [
        ['人员', 'visible'],
        ['说明', 'visible'],
        ['代码表', 'hidden'],
      ],
    );
    const ws = wb.getWorksheet('人员')!;
    assert.equal(ws.getCell('A1').value, '姓名*');
    assert.equal(ws.getCell('C1').value, '性别');
    assert.match(String(ws.getCell('A1').note), /必填。与身份证一致/);
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(ws.getColumn(2).numFmt, '@', 'ID numbers typed as text');
    assert.equal(ws.getColumn(4).numFmt, 'yyyy-mm-dd');
    const gender = ws.getCell('C2').dataValidation;
    assert.equal(gender.type, 'list');
    assert.deepEqual(gender.formulae, ['"男,女"']);
    assert.equal(ws.getCell('C101').dataValidation?.type, 'list', 'the list covers the template rows');
    const education = ws.getCell('E50').dataValidation;
    assert.deepEqual(
      education.formulae,
      [`'代码表'!$A$2:$A$61`],
      'a long list is a range on the hidden sheet',
    );
    const codes = wb.getWorksheet('代码表')!;
    assert.equal(codes.getCell('A2').value, LONG_CHOICES[0]);
    assert.equal(codes.getCell('A61').value, LONG_CHOICES[59]);
    const help = wb.getWorksheet('说明')!;
    const helpText = help.getSheetValues().flat().join('|');
    assert.match(helpText, /每行一人/);
    assert.match(helpText, /男、女/);
  });

  test('the template reads back: its header is accepted and rows typed into it come out as text', async () => {
    const template = await writeImportTemplate(COLUMNS, {
      lang: 'en',
      sheetName: { zh: '人员', en: 'People' },
      rows: 10,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('People')!;
    ws.getCell('A2').value = '张三';
    ws.getCell('B2').value = '11010519491231002X';
    ws.getCell('D2').value = new Date(Date.UTC(1990, 2, 7));
    ws.getCell('F2').value = '13800138000';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const { rows, warnings, sheetName } = await readAll(filled);
    assert.equal(sheetName, 'People');
    assert.deepEqual(warnings, []);
    assert.deepEqual(rows, [
      {
        row: 2,
        values: {
          name: '张三',
          idNumber: '11010519491231002X',
          gender: '',
          birthDate: '1990-03-07',
          education: '',
          phone: '13800138000',
        },
        findings: [],
      },
    ]);
  });
});

describe('Excel import streaming parse', () => {
  test('Chinese text survives the chunks of inflated XML, in shared strings and in inline strings', async () => {
    // Thousands of distinct names make both parts far larger than one inflated chunk (16 KiB), so some
    // characters' three bytes fall across two chunks (fails without the reader's whole-character decoding).
    const names = Array.from(
      { length: 4000 },
      (_, i) => `${'张王李赵'[i % 4]}测试${'一二三'.repeat(1 + (i % 3))}${i}`,
    );
    for (const useSharedStrings of [true, false]) {
      const buf = await writeStreamedWorkbook(
        (wb) => {
          const ws = wb.addWorksheet('数据');
          ws.addRow(['姓名', '身份证号']).commit();
          for (const n of names) ws.addRow([n, '110105194912310029']).commit();
          ws.commit();
        },
        { useSharedStrings },
      );
      const { rows } = await readAll(buf);
      const read = rows.map((r) => r.values.name);
      assert.equal(read.filter((n) => n?.includes('\uFFFD')).length, 0, `sharedStrings=${useSharedStrings}`);
      assert.deepEqual(read, names);
    }
  });

  test('headers in zh or en, blanks and full-width forms tolerated; unknown headers warned; empty rows skipped', async () => {
    const buf = await workbook([
      ['人员名单（某镇）'],
      [' 姓　名 ', 'ID Number', '备注', '联系电话', '出生日期＊'],
      ['李四', '110105194912310029', '随便写', 13800138000, '1990/3/7'],
      [null, null, null],
      ['', '  '],
      ['王五', '110105194912310037', null, null, '1985年12月1日'],
    ]);
    const { rows, warnings, headerRow, positions, rowCount, progress } = await readAll(buf);
    assert.equal(headerRow, 2, 'a title row above the header is tolerated');
    assert.deepEqual(
      [...positions],
      [
        ['name', 1],
        ['idNumber', 2],
        ['phone', 4],
        ['birthDate', 5],
      ],
    );
    assert.deepEqual(warnings, [{ column: 3, header: '备注', reason: 'EXCEL_HEADER_UNKNOWN' }]);
    assert.equal(rowCount, 2);
    assert.deepEqual(progress, [2, 2]);
    assert.deepEqual(
      rows.map((r) => [r.row, r.values]),
      [
        [3, { name: '李四', idNumber: '110105194912310029', phone: '13800138000', birthDate: '1990-03-07' }],
        [6, { name: '王五', idNumber: '110105194912310037', phone: '', birthDate: '1985-12-01' }],
      ],
    );
  });

  test('a date cell, an Excel serial and a written date all read as YYYY-MM-DD; a wrong date stays as written', async () => {
    const buf = await workbook([
      ['姓名', '身份证号', '出生日期'],
      ['甲', 'x', new Date(Date.UTC(1990, 2, 7))],
      ['乙', 'x', 32939], // the serial of 1990-03-07
      ['丙', 'x', '1990-3-7'],
      ['丁', 'x', '１９９０．０３．０７'],
      ['戊', 'x', 19900307],
      ['己', 'x', '1990-02-30'],
      ['庚', 'x', '不详'],
    ]);
    const { rows } = await readAll(buf);
    assert.deepEqual(
      rows.map((r) => r.values.birthDate),
      ['1990-03-07', '1990-03-07', '1990-03-07', '1990-03-07', '1990-03-07', '1990-02-30', '不详'],
    );
  });

  test('an ID typed as a number: exact when Excel kept every digit, reported when it lost some', async () => {
    const buf = await workbook([
      ['姓名', '身份证号', '手机号'],
      ['甲', 110105194912310000, 13800138000], // an 18-digit ID as a number: Excel kept 15 digits
      ['乙', 110105491231002, 13800138000], // a legacy 15-digit ID: exact
    ]);
    const { rows } = await readAll(buf);
    assert.deepEqual(rows[0]!.findings, [{ column: 'idNumber', reason: 'EXCEL_NUMBER_DIGITS_LOST' }]);
    assert.equal(rows[0]!.values.idNumber, '110105194912310000');
    assert.equal(rows[0]!.values.phone, '13800138000');
    assert.deepEqual(rows[1]!.findings, []);
    assert.equal(rows[1]!.values.idNumber, '110105491231002');
  });

  test('a broken row is read as it is (judging it is the validator’s work), formulas give their results', async () => {
    const buf = await workbook([
      ['姓名', '身份证号', '性别'],
      ['甲', '11010519491231002X', '男'],
      ['', '12345', { formula: '"女"', result: '女' } as unknown as Cell],
    ]);
    const { rows } = await readAll(buf);
    assert.deepEqual(rows[1], {
      row: 3,
      values: { name: '', idNumber: '12345', gender: '女' },
      findings: [],
    });
  });

  test('a stream is read like a buffer', async () => {
    const buf = await workbook([
      ['姓名', '身份证号'],
      ['甲', '1'],
    ]);
    const { rows } = await readAll(Readable.from([buf.subarray(0, 100), buf.subarray(100)]));
    assert.equal(rows.length, 1);
  });

  test('header problems: none found, a required column missing, a column twice', async () => {
    assert.equal(
      (
        await refusal(
          readAll(
            await workbook([
              ['a', 'b'],
              ['1', '2'],
            ]),
          ),
        )
      ).code,
      'EXCEL_NO_HEADER',
    );
    const missing = await refusal(
      readAll(
        await workbook([
          ['姓名', '性别'],
          ['甲', '男'],
        ]),
      ),
    );
    assert.equal(missing.code, 'EXCEL_HEADER_MISSING');
    assert.deepEqual(missing.fields, [{ path: 'idNumber', reason: 'required' }]);
    const twice = await refusal(readAll(await workbook([['姓名', '身份证号', 'Name']])));
    assert.equal(twice.code, 'EXCEL_HEADER_DUPLICATE');
  });

  test('limits: rows, columns, file size', async () => {
    const rows: Cell[][] = [['姓名', '身份证号'], ...Array.from({ length: 6 }, (_, i) => [`p${i}`, `${i}`])];
    const buf = await workbook(rows);
    const tooMany = readImportWorkbook(buf, COLUMNS, { onRow: () => {}, limits: { maxRows: 5 } });
    assert.equal((await refusal(tooMany)).code, 'EXCEL_TOO_MANY_ROWS');
    const wide = await workbook([
      ['姓名', '身份证号'],
      ['甲', '1', null, null, 'x'],
    ]);
    const tooWide = readImportWorkbook(wide, COLUMNS, { onRow: () => {}, limits: { maxColumns: 4 } });
    assert.equal((await refusal(tooWide)).code, 'EXCEL_TOO_MANY_COLUMNS');
    const big = readImportWorkbook(Readable.from([buf, buf]), COLUMNS, {
      onRow: () => {},
      limits: { maxBytes: buf.length + 1 },
    });
    assert.equal((await refusal(big)).code, 'EXCEL_TOO_LARGE');
  });

  test('an error thrown by the consumer comes out unchanged', async () => {
    const buf = await workbook([
      ['姓名', '身份证号'],
      ['甲', '1'],
    ]);
    const mine = new Error('stop');
    await assert.rejects(
      readImportWorkbook(buf, COLUMNS, {
        onRow: () => {
          throw mine;
        },
      }),
      (err) => err === mine,
    );
  });
});

describe('Excel import refuses unusable files before parsing', () => {
  const types = (main: string) =>
    `<Types><Override PartName="/xl/workbook.xml" ContentType="${main}"/></Types>`;
  const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

  test('not an xlsx: empty, CSV, PDF, legacy .xls, a .docx', async () => {
    for (const buf of [
      Buffer.alloc(0),
      Buffer.from('姓名,身份证号\n甲,1\n'),
      Buffer.from('%PDF-1.7\n'),
      biffWorkbook([0]),
      zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
    ]) {
      assert.equal((await refusal(readAll(buf))).code, 'EXCEL_NOT_XLSX');
    }
  });

  test('an encrypted workbook (the OLE container Office writes with a password to open)', async () => {
    const buf = writeCfb([
      { name: 'EncryptionInfo', data: Buffer.alloc(200, 1) },
      { name: 'EncryptedPackage', data: Buffer.alloc(5000, 2) },
    ]);
    assert.equal((await refusal(readAll(buf))).code, 'EXCEL_ENCRYPTED');
  });

  test('a macro-enabled workbook (.xlsm)', async () => {
    const xlsm = zipOf({
      '[Content_Types].xml': types('application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
      'xl/workbook.xml': '<workbook/>',
      'xl/vbaProject.bin': 'VBA',
    });
    assert.equal((await refusal(readAll(xlsm))).code, 'EXCEL_MACROS');
  });

  test('a zip bomb is refused from its central directory, without expanding it', async () => {
    const base = {
      '[Content_Types].xml': types(XLSX_MAIN),
      'xl/workbook.xml': '<workbook/>',
    };
    // 40 MiB of one byte deflates to about 40 KiB: a ratio of about 1000.
    const ratioBomb = zipOf({ ...base, 'xl/worksheets/sheet1.xml': Buffer.alloc(40 * 1024 * 1024, 0x20) });
    assert.equal((await refusal(readAll(ratioBomb))).code, 'EXCEL_ZIP_BOMB');

    // A directory declaring 3 GiB: refused by the declared total (the entry itself is tiny).
    const declared = zipOf({ ...base, 'xl/worksheets/sheet1.xml': '<worksheet/>' });
    const cd = declared.readUInt32LE(declared.length - 6);
    let at = cd;
    for (let i = 0; i < 3; i++) {
      const nameLen = declared.readUInt16LE(at + 28);
      if (i === 2) declared.writeUInt32LE(3 * 1024 * 1024 * 1024, at + 24);
      at += 46 + nameLen;
    }
    assert.equal((await refusal(readAll(declared))).code, 'EXCEL_ZIP_BOMB');
  });

  test('a directory that understates an entry is caught at the first byte past what it declared', async () => {
    const buf = zipOf({
      '[Content_Types].xml': types(XLSX_MAIN),
      'xl/workbook.xml': '<workbook/>',
      'xl/worksheets/sheet1.xml': Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    // Claim 100 bytes for the sheet in the central directory (the third entry).
    let at = buf.readUInt32LE(buf.length - 6);
    for (let i = 0; i < 2; i++) at += 46 + buf.readUInt16LE(at + 28);
    buf.writeUInt32LE(100, at + 24);
    assert.equal((await refusal(readAll(buf))).code, 'EXCEL_ZIP_BOMB');
  });

  test('malformed sheet XML is unreadable, not a crash', async () => {
    const buf = zipOf({
      '[Content_Types].xml': types(XLSX_MAIN),
      'xl/workbook.xml':
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="a" sheetId="1"/></sheets></workbook>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></ro',
    });
    const err = await refusal(readAll(buf));
    assert.ok(['EXCEL_UNREADABLE', 'EXCEL_NO_HEADER'].includes(err.code), err.code);
  });
});

describe('Excel import annotated copy', () => {
  test('error cells filled light red with a comment, a problems column and sheet; the user’s values kept', async () => {
    const birth = new Date(Date.UTC(1990, 2, 7));
    const buf = await workbook([
      ['姓名', '身份证号', '出生日期', '备注'],
      ['甲', '11010519491231002X', birth, '=不是公式'],
      ['乙', '110105194912310021', '1990-13-01', null, 'extra'],
      ['丙', '11010519491231002X', birth],
    ]);
    const copy = await writeAnnotatedCopy(
      buf,
      COLUMNS,
      [
        { row: 3, column: 'idNumber', message: '身份证号校验位错误' },
        { row: 3, column: 'birthDate', message: '日期无效' },
        { row: 3, column: 'birthDate', message: '与身份证号不符' },
        { row: 4, column: null, message: '与第2行重复' },
      ],
      { lang: 'zh-CN' },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(copy as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['数据', '问题汇总'],
    );
    const ws = wb.getWorksheet('数据')!;
    // The added column goes after the widest row (E), so nothing of the user's is overwritten.
    assert.equal(ws.getCell('F1').value, '错误说明');
    assert.equal(ws.getCell('E3').value, 'extra');
    assert.equal(ws.getCell('B3').value, '110105194912310021');
    assert.equal(ws.getCell('D2').value, '=不是公式', 'a text cell stays the text it was');
    assert.equal((ws.getCell('C2').value as Date).toISOString(), birth.toISOString());
    const fill = ws.getCell('B3').fill as ExcelJS.FillPattern;
    assert.equal(fill.fgColor?.argb, 'FFFFC7CE');
    assert.equal(ws.getCell('A3').fill, undefined);
    assert.equal(String(ws.getCell('B3').note), '身份证号校验位错误');
    assert.equal(String(ws.getCell('C3').note), '日期无效\n与身份证号不符');
    assert.equal(
      ws.getCell('F3').value,
      '身份证号：身份证号校验位错误；出生日期：日期无效；出生日期：与身份证号不符',
    );
    assert.equal(ws.getCell('F4').value, '整行：与第2行重复');
    assert.equal(ws.getCell('F2').value, null);
    const summary = wb.getWorksheet('问题汇总')!;
    assert.deepEqual((summary.getRow(2).values as unknown[]).slice(1), [3, '身份证号', '身份证号校验位错误']);
    assert.equal(summary.rowCount, 5);

    // The copy, fixed and uploaded again, reads like the original: the problems column is only a warning.
    const again = await readAll(copy);
    assert.deepEqual(
      again.warnings.map((w) => w.header),
      ['备注', '错误说明'],
    );
    assert.equal(again.rowCount, 3);
  });
});
