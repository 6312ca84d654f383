import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWithin, subtreeBounds } from '../../src/platform/http/scope';

const city = '/c/';
const townA = '/c/a/';
const villageA1 = '/c/a/a1/';
const townAB = '/c/ab/';

test('the subtree range holds the root and every descendant and nothing else', () => {
  const [lo, hi] = subtreeBounds(townA);
  const inRange = (p: string) => p >= lo && p < hi;
  assert.ok(inRange(townA));
  assert.ok(inRange(villageA1));
  assert.ok(!inRange(townAB), 'a sibling whose id starts with the same characters is outside');
  assert.ok(!inRange(city));
  assert.ok(!inRange('/c/b/'));
});

test('isWithin: deny by default, any of several subtrees', () => {
  assert.equal(isWithin(villageA1, []), false);
  assert.equal(isWithin(villageA1, [townA]), true);
  assert.equal(isWithin(townAB, [townA]), false);
  assert.equal(isWithin(townAB, ['/c/b/', townAB]), true);
  assert.equal(isWithin(villageA1, ['/']), true);
});
