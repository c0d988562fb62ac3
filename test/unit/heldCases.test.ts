import * as assert from 'node:assert/strict';
import { HeldCases, holdable } from '../../src/shared/heldCases';
import { CasePlane } from '../../src/shared/protocol';

describe('the cases a case viewer holds (read ahead)', () => {
  it('holds the case shown and at most its two neighbours', () => {
    const held = new HeldCases<string>();
    held.show('a', 'A', ['b']);
    held.hold('b', 'B', ['b']);
    assert.deepEqual(held.neighbours(), ['b']);
    // Next: b is shown; a (the case left) stays as its previous neighbour, c comes.
    held.show('b', held.get('b'), ['a', 'c']);
    held.hold('c', 'C', ['a', 'c']);
    assert.deepEqual(held.neighbours().sort(), ['a', 'c']);
    assert.equal(held.get('b'), 'B');
    // A jump elsewhere: everything but the new case and its neighbours is let go.
    held.show('x', 'X', ['w', 'y']);
    assert.deepEqual(held.neighbours(), []);
    assert.equal(held.get('a'), undefined);
    held.hold('y', 'Y', ['w', 'y']);
    held.hold('w', 'W', ['w', 'y']);
    assert.deepEqual(held.neighbours().sort(), ['w', 'y']);
  });

  it('a case shown that cannot be held is not; clear forgets everything', () => {
    const held = new HeldCases<string>();
    held.show('a', 'A', []);
    held.show('b', undefined, ['a']);
    assert.equal(held.get('b'), undefined);
    assert.deepEqual(held.neighbours(), ['a']);
    held.clear();
    assert.equal(held.get('a'), undefined);
  });

  it('only cases whose planes were all read whole can be held', () => {
    const whole: CasePlane = { plane: 'axial', array: { kind: 'error', fileName: 'a.npy', error: 'x' } };
    const sliced = {
      plane: 'axial',
      array: { kind: 'sliceFirst', fileName: 'a.npy', header: {}, sliceFirst: {} },
    } as unknown as CasePlane;
    assert.equal(holdable([whole]), true);
    assert.equal(holdable([whole, sliced]), false);
  });
});
