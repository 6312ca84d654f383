import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFileKind, zipEntryNames } from '../../src/platform/files/file-kind';

/** A stored (uncompressed) zip with these entries: local headers, central directory, end record. */
function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

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
    assert.equal(checkFileKind('doc', Buffer.from('d0cf11e0a1b11ae10000', 'hex')), null);
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
