import * as assert from 'node:assert/strict';
import { Disposable } from '../../src/shared/dispose';

class Holder extends Disposable {
  take(name: string, log: string[]): void {
    this.own({ dispose: () => log.push(name) });
  }
}

describe('Disposable, the one pattern for what a class holds', () => {
  it('disposes what it owns once, the last taken first; what it takes after is disposed at once', () => {
    const log: string[] = [];
    const holder = new Holder();
    holder.take('emitter', log);
    holder.take('subscription', log);
    holder.dispose();
    holder.dispose();
    assert.deepEqual(log, ['subscription', 'emitter']);
    holder.take('late', log);
    assert.deepEqual(log, ['subscription', 'emitter', 'late']);
  });
});
