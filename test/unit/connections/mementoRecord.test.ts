// A record in one globalState key (test results, model facts, consents) reads its own write back even when the
// host briefly hands back the value the write replaced (seen in code-server: a form's Test result vanished).
import * as assert from 'node:assert/strict';
import { MementoRecord } from '../../../src/connections/mementoRecord';
import { MemoryMemento } from './memory';

describe('MementoRecord', () => {
  it("keeps its own write over a late echo of the value it replaced, but not over another window's change", async () => {
    const memento = new MemoryMemento();
    let now = 1_000;
    const record = new MementoRecord<string>(memento, 'k', () => now);
    await record.set('a', 'first');
    await record.set('b', 'second');
    // The host hands back the value our last write replaced.
    memento.values.set('k', { a: 'first' });
    assert.equal(record.get('b'), 'second', 'the late echo did not undo our write');
    // Another window writes something new: that is a change, and it wins.
    memento.values.set('k', { a: 'first', c: 'theirs' });
    assert.equal(record.get('b'), undefined);
    assert.equal(record.get('c'), 'theirs');
    // Long after our write, what storage says is what is read.
    memento.values.set('k', { a: 'first' });
    now += 60_000;
    assert.equal(record.get('b'), undefined);
  });
});
