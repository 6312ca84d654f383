import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUDIT_ACTIONS,
  auditActionLabel,
  auditFieldLabel,
  fullPinyin,
  maskPersonName,
  nameInitials,
} from '../src/index';

test('a person is named in the trail by the surname and 某', () => {
  assert.equal(maskPersonName('王小明'), '王某某');
  assert.equal(maskPersonName('李强'), '李某');
  assert.equal(maskPersonName('欧阳娜娜'), '欧某某某');
  assert.equal(maskPersonName(' 张 '), '张某');
  assert.equal(maskPersonName(''), '');
  assert.equal(maskPersonName(null), '');
});

test('action and field names come in both languages; unknown codes come back as they are', () => {
  assert.equal(auditActionLabel('login_success', 'zh'), '登录成功');
  assert.equal(auditActionLabel('login_success', 'en'), 'Signed in');
  assert.equal(auditActionLabel('no_such_action', 'zh'), 'no_such_action');
  assert.equal(auditFieldLabel('phone', 'zh'), '手机号');
  assert.ok(Object.keys(AUDIT_ACTIONS).every((k) => /^[a-z_]{2,40}$/.test(k)));
});

test('the header search keys of a name: initials and full pinyin with surname readings', () => {
  assert.equal(nameInitials('陆婷婷'), 'ltt');
  assert.equal(fullPinyin('陆婷婷'), 'lutingting');
  assert.equal(nameInitials('单雄信'), 'sxx');
});
