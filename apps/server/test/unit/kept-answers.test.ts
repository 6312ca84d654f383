import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { keptAnswerSerializer, keptWrapper } from '../../src/platform/http/kept-answers';

const schema = z.object({ total: z.number(), items: z.array(z.object({ name: z.string() })) });
const compile = () => keptAnswerSerializer({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never);

/** An answer that counts how often it is read (checked and written out). */
function counted(total: number) {
  let reads = 0;
  const answer = {
    get total() {
      reads++;
      return total;
    },
    items: [{ name: '张三' }],
  };
  return { answer, reads: () => reads };
}

test('a kept answer is checked and written out once; a new object each time', () => {
  const serialize = compile();
  const a = counted(2);
  const text = serialize(a.answer);
  assert.deepEqual(JSON.parse(text), { total: 2, items: [{ name: '张三' }] });
  const once = a.reads();
  assert.ok(once > 0);
  assert.equal(serialize(a.answer), text);
  assert.equal(a.reads(), once, 'the same object is not read again');
  const b = counted(2);
  assert.equal(serialize(b.answer), text);
  assert.ok(b.reads() > 0, 'an equal but new object is written out itself');
  // Each route keeps its own texts.
  const other = compile();
  other(a.answer);
  assert.ok(a.reads() > once);
});

test('an answer that breaks the schema is still refused, every time', () => {
  const serialize = compile();
  const bad = { total: 'many', items: [] };
  assert.throws(() => serialize(bad));
  assert.throws(() => serialize(bad));
  assert.throws(() => serialize(null));
});

test('keptWrapper gives the same wrapper for the same kept result', () => {
  const wrap = keptWrapper();
  const page = { items: [] };
  let made = 0;
  const make = () => ({ ...page, page: 1, n: ++made });
  const first = wrap(page, make);
  assert.equal(wrap(page, make), first);
  assert.equal(made, 1);
  assert.notEqual(wrap({ items: [] }, make), first);
});
