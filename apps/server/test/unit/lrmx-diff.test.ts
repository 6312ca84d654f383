import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAccepted, diffCadreRecords, PERSON_FIELDS } from '../../src/platform/lrmx/cadre-diff';
import { parseLrmx, writeLrmx } from '../../src/platform/lrmx/lrmx';
import { sampleRecord, solidPng } from '../helpers/lrmx-samples';

describe('diff of a cadre record against the database', () => {
  test('export then import shows no difference', () => {
    const db = sampleRecord();
    assert.deepEqual(diffCadreRecords(db, parseLrmx(writeLrmx(db))), []);
  });

  test('line endings, trailing spaces and the case of the check character are no difference', () => {
    const db = sampleRecord();
    const file = {
      ...sampleRecord(),
      resume: `${db.resume.replace(/\r\n/g, '  \n')}\n`,
      idNumber: db.idNumber.toLowerCase(),
      version: '3.2.1.6',
      filledBy: '别人',
    };
    assert.deepEqual(diffCadreRecords(db, file), []);
  });

  test('each changed field once, labelled, in the form order; accepting some applies only those', () => {
    const db = sampleRecord();
    const file = sampleRecord();
    file.currentPost = '某镇某村党委书记';
    file.fullTimeEducation.degree = '农学学士';
    file.family = [...file.family, { ...file.family[0]!, relation: '女儿', name: '沈小雨' }];
    file.photo = solidPng(30, 40, [1, 2, 3]);
    const diff = diffCadreRecords(db, file);
    assert.deepEqual(
      diff.map((d) => [d.field, d.label.zh]),
      [
        ['fullTimeEducation.degree', '全日制学位'],
        ['currentPost', '现任职务'],
        ['family', '家庭主要成员及重要社会关系'],
        ['photo', '照片'],
      ],
    );
    assert.deepEqual(diff[1], {
      field: 'currentPost',
      label: { zh: '现任职务', en: 'Current post' },
      before: db.currentPost,
      after: '某镇某村党委书记',
    });

    const merged = applyAccepted(db, file, ['currentPost', 'family']);
    assert.equal(merged.currentPost, '某镇某村党委书记');
    assert.equal(merged.family.length, 3);
    assert.equal(merged.fullTimeEducation.degree, db.fullTimeEducation.degree);
    assert.deepEqual(merged.photo, db.photo);
    assert.deepEqual(
      diffCadreRecords(merged, file).map((d) => d.field),
      ['fullTimeEducation.degree', 'photo'],
    );
    assert.equal(db.family.length, 2, 'the inputs are not changed');
  });

  test('form metadata is not compared unless asked for', () => {
    assert.ok(!PERSON_FIELDS.includes('version'));
    const file = { ...sampleRecord(), reportingUnit: '另一单位' };
    assert.deepEqual(diffCadreRecords(sampleRecord(), file), []);
    assert.deepEqual(
      diffCadreRecords(sampleRecord(), file, ['reportingUnit']).map((d) => d.field),
      ['reportingUnit'],
    );
  });
});
