import * as assert from 'node:assert/strict';
import { ConnectionStore } from '../../../src/connections/connectionStore';
import { MemoryMemento } from './memory';

describe('ConnectionStore.createAll (an import in one write)', () => {
  it('creates every connection in one write, or none when a name is taken', async () => {
    const memento = new MemoryMemento();
    const store = new ConnectionStore(memento, 'k');
    await store.create({ name: 'Taken', provider: 'openai' });
    let writes = 0;
    store.onDidChange(() => writes++);
    const created = await store.createAll([
      { name: 'A', provider: 'openai', apiKeyEnv: 'OPENAI_API_KEY' },
      { name: 'B', provider: 'ollama', apiUrl: 'http://127.0.0.1:11434', headerNames: ['X-Team'] },
    ]);
    assert.equal(writes, 1);
    assert.deepEqual(created.map((c) => c.name), ['A', 'B']);
    assert.equal(store.findByName('A')?.apiKeyEnv, 'OPENAI_API_KEY');
    assert.deepEqual(store.findByName('B')?.headerNames, ['X-Team'], 'fields the store does not know are kept');
    await assert.rejects(store.createAll([{ name: 'C', provider: 'openai' }, { name: 'taken', provider: 'openai' }]), /already exists/);
    assert.equal(store.findByName('C'), undefined, 'all or none');
    assert.equal(store.list().length, 3);
  });
});
