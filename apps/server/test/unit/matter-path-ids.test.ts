import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathIds } from '../../src/modules/matters/matter-access';

test('a matter of a city → town → village tree names its city, town and village', () => {
  assert.deepEqual(pathIds('/city/town/village/'), { rootId: 'city', townId: 'town', villageId: 'village' });
});

test('in a deeper tree the town is the village’s parent and the desk the org above it, not the province', () => {
  assert.deepEqual(pathIds('/nation/province/city/county/town/village/'), {
    rootId: 'county',
    townId: 'town',
    villageId: 'village',
  });
});

test('a village directly under the root has no town', () => {
  assert.deepEqual(pathIds('/city/village/'), { rootId: 'city', townId: null, villageId: 'village' });
});
