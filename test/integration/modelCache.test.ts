// List Models asks the provider once per few minutes per connection (the README's promise): a second listing
// is served from the cache, a changed key or URL asks again, and *Refresh* empties the cache.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { extension, resetState, withPatched } from './support';

const KEY = 'fake-model-cache-key-1001';
const OTHER_KEY = 'fake-model-cache-key-2002'; // the server refuses it

describe('the model list cache', () => {
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }] });
  });
  after(async () => server?.close());
  beforeEach(resetState);

  it('serves a second List Models from the cache; a new key and Refresh ask the provider again', async () => {
    const { store, vault } = (await extension()).services;
    // No model: nothing in the background looks the list up on its own, so every request counted is ours.
    const c = await store.create({ name: 'Cached', provider: 'openai', apiUrl: server.baseUrl });
    await vault.set(c.id, KEY);
    const listRequests = () => server.requests.filter((r) => r.path === '/v1/models').length;
    const offered: number[] = [];
    const list = () =>
      withPatched('showQuickPick', (async (items: readonly unknown[]) => {
        offered.push(items.length);
        return undefined;
      }) as never, async () => {
        await vscode.commands.executeCommand('aiConnections.listModels', c.id);
      });

    await list();
    assert.equal(listRequests(), 1);
    await list();
    assert.equal(listRequests(), 1, 'the second listing came from the cache');

    const errors: string[] = [];
    await vault.set(c.id, OTHER_KEY);
    await withPatched('showErrorMessage', (async (message: string) => {
      errors.push(message);
      return undefined;
    }) as never, list);
    assert.equal(listRequests(), 2, 'a changed key is not served the list fetched with the old one');
    assert.match(errors.join(' | '), /rejected|invalid|key/i);

    await vault.set(c.id, KEY);
    await list();
    assert.equal(listRequests(), 2, 'back to the key the list was fetched with: cached again');
    await vscode.commands.executeCommand('aiConnections.refresh');
    await list();
    assert.equal(listRequests(), 3, 'Refresh emptied the cache');
    assert.ok(offered.length === 4 && offered.every((n) => n >= 2), `every successful listing offered the models: ${offered.join(', ')}`);
  });
});
