import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLruCache } from '../../src/platform/db/data-version';

/** A computation that finishes when told to, counting how often it was started. */
function gate<V>() {
  let release!: (v: V) => void;
  let fail!: (e: Error) => void;
  let started = 0;
  return {
    compute: () => {
      started++;
      return new Promise<V>((res, rej) => {
        release = res;
        fail = rej;
      });
    },
    get started() {
      return started;
    },
    release: (v: V) => release(v),
    fail: (e: Error) => fail(e),
  };
}

describe('the derived-figures cache computes a key once for concurrent requests', () => {
  test('fifty requests for a key not kept yet share one computation, then read the kept value', async () => {
    const cache = createLruCache<{ n: number }>(10);
    const g = gate<{ n: number }>();
    const waiting = Array.from({ length: 50 }, () => cache.getOrCompute('roster|7', g.compute));
    await new Promise((r) => setImmediate(r));
    assert.equal(g.started, 1);
    assert.equal(cache.inFlight, 1);
    g.release({ n: 42 });
    const answers = await Promise.all(waiting);
    assert.ok(answers.every((a) => a === answers[0] && a.n === 42));
    assert.equal(cache.inFlight, 0);
    assert.deepEqual(cache.get('roster|7'), { n: 42 });
    const again = await cache.getOrCompute('roster|7', () => Promise.reject(new Error('not called')));
    assert.equal(again.n, 42);
    assert.equal(g.started, 1);
  });

  test('another key (a new data version) computes on its own', async () => {
    const cache = createLruCache<number>(10);
    const a = gate<number>();
    const b = gate<number>();
    const pa = cache.getOrCompute('v1', a.compute);
    const pb = cache.getOrCompute('v2', b.compute);
    await new Promise((r) => setImmediate(r));
    assert.equal(a.started + b.started, 2);
    b.release(2);
    a.release(1);
    assert.deepEqual(await Promise.all([pa, pb]), [1, 2]);
  });

  test('a failed computation reaches every waiter, is not kept, and the next request computes again', async () => {
    const cache = createLruCache<number>(10);
    const g = gate<number>();
    const waiting = [cache.getOrCompute('k', g.compute), cache.getOrCompute('k', g.compute)];
    await new Promise((r) => setImmediate(r));
    g.fail(new Error('database gone'));
    for (const w of waiting) await assert.rejects(w, /database gone/);
    assert.equal(cache.get('k'), undefined);
    assert.equal(cache.inFlight, 0);
    // A computation that throws before it awaits anything fails the same way.
    await assert.rejects(
      cache.getOrCompute('k', () => {
        throw new Error('at once');
      }),
      /at once/,
    );
    assert.equal(cache.inFlight, 0);
    assert.equal(await cache.getOrCompute('k', () => Promise.resolve(5)), 5);
  });

  test('a kept value the caller cannot use (another calendar) is computed again', async () => {
    const cache = createLruCache<{ cal: string }>(10);
    cache.set('k', { cal: 'old' });
    const v = await cache.getOrCompute(
      'k',
      () => Promise.resolve({ cal: 'new' }),
      (x) => x.cal === 'new',
    );
    assert.equal(v.cal, 'new');
    assert.equal(cache.get('k')?.cal, 'new');
  });
});
