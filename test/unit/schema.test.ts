import * as assert from 'node:assert/strict';
import {
  REFUSED,
  exact,
  integer,
  list,
  oneOf,
  optional,
  parser,
  satisfying,
  tagged,
  text,
} from '../../src/shared/schema';

describe('the schema the protocols are built from', () => {
  const point = exact({ x: integer(0), y: integer(0), label: optional(text(8)) });

  it('an exact object: its keys and no other, optional ones may be missing, the result a copy', () => {
    const given = { x: 1, y: 2 };
    const checked = point(given);
    assert.deepEqual(checked, { x: 1, y: 2 });
    assert.notEqual(checked, given);
    assert.deepEqual(point({ x: 1, y: 2, label: 'a' }), { x: 1, y: 2, label: 'a' });
    for (const refused of [
      { x: 1 },
      { x: 1, y: 2, z: 3 },
      { x: 1, y: 2, label: undefined },
      { x: -1, y: 2 },
      { x: 1.5, y: 2 },
      { x: 1, y: 2, label: 'too long a label' },
      JSON.parse('{"x": 1, "y": 2, "__proto__": {"polluted": true}}'),
      [1, 2],
      null,
      'x',
    ])
      assert.equal(point(refused), REFUSED, JSON.stringify(refused));
  });

  it('a tagged union: the tag picks the shape; tags it does not name, inherited ones included, are refused', () => {
    const message = parser(tagged('type', { ping: {}, move: { to: point } }));
    assert.deepEqual(message({ type: 'ping' }), { type: 'ping' });
    assert.deepEqual(message({ type: 'move', to: { x: 0, y: 3 } }), { type: 'move', to: { x: 0, y: 3 } });
    for (const refused of [
      { type: 'ping', extra: 1 },
      { type: 'move' },
      { type: 'toString' },
      { type: 'constructor' },
      {},
    ])
      assert.equal(message(refused), undefined, JSON.stringify(refused));
    assert.equal(message(Object.create({ type: 'ping' }) as unknown), undefined, 'a tag on the prototype');
  });

  it('lists are bounded and copied; one-of and relations between fields', () => {
    const small = list(integer(0, 9), 3, 1);
    assert.deepEqual(small([1, 2, 3]), [1, 2, 3]);
    for (const refused of [[], [1, 2, 3, 4], [10], ['1'], { length: 1, 0: 1 }]) assert.equal(small(refused), REFUSED);
    assert.equal(oneOf(['a', 'b'])('b'), 'b');
    assert.equal(oneOf(['a', 'b'])('c'), REFUSED);
    const range = satisfying(exact({ low: integer(0), high: integer(0) }), (r) => r.low <= r.high);
    assert.deepEqual(range({ low: 1, high: 1 }), { low: 1, high: 1 });
    assert.equal(range({ low: 2, high: 1 }), REFUSED);
  });
});
