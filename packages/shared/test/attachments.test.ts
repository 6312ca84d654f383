import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentExtension, formatFileSize, sanitizeFileName } from '../src/attachments';

describe('attachment file names', () => {
  test('keep only a safe last segment with its extension', () => {
    assert.equal(sanitizeFileName('../../etc/passwd.txt'), 'passwd.txt');
    assert.equal(sanitizeFileName('C:\\文件\\会议纪要.docx'), '会议纪要.docx');
    assert.equal(sanitizeFileName('evil\u202Egpj.exe.pdf'), 'evilgpj.exe.pdf');
    assert.equal(sanitizeFileName('a\u0000b\r\n.txt'), 'ab.txt');
    assert.equal(sanitizeFileName('  ..hidden.txt '), 'hidden.txt');
    assert.equal(sanitizeFileName('名 单\t(1).xlsx'), '名 单 (1).xlsx');
    assert.equal(sanitizeFileName('noext'), null);
    assert.equal(sanitizeFileName('..'), null);
    assert.equal(sanitizeFileName('\u202E'), null);
    const long = sanitizeFileName(`${'字'.repeat(150)}.pdf`)!;
    assert.equal([...long].length, 100);
    assert.ok(long.endsWith('字.pdf'));
  });

  test('extensions are accepted case-insensitively from a fixed list', () => {
    assert.equal(attachmentExtension('照片.JPG'), 'jpg');
    assert.equal(attachmentExtension('a.tar.gz'), null);
    assert.equal(attachmentExtension('a.html'), null);
    assert.equal(attachmentExtension('a.svg'), null);
    assert.equal(attachmentExtension('a.constructor'), null);
  });

  test('sizes read as people expect', () => {
    assert.equal(formatFileSize(512), '512 B');
    assert.equal(formatFileSize(1536), '1.5 KB');
    assert.equal(formatFileSize(10 * 1024 * 1024), '10.0 MB');
  });
});
