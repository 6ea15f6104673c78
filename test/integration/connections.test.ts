import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { secretKeyFor } from '../../src/ids';
import { reportUnattachedKeys } from '../../src/connections/housekeeping';
import { extension, rawDocument, resetState, withPatched } from './support';
import { startProviderServer } from '../servers';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('connection manager (real VS Code storage)', () => {
  beforeEach(resetState);

  it('registers every command and menu item package.json contributes, and contributes every command it registers', async () => {
    const t = await extension();
    const manifest = JSON.parse(readFileSync(join(t.context.extensionPath, 'package.json'), 'utf8'));
    const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('aiConnections.')));
    // VS Code generates `<viewId>.focus` and friends for every view: those are not ours to contribute.
    const ours = [...registered].filter((c) => !c.startsWith('aiConnections.connections.'));
    for (const c of contributed) assert.ok(registered.has(c), `contributed but not registered: ${c}`);
    for (const c of ours) assert.ok(contributed.has(c), `registered but not contributed: ${c}`);
    for (const [menu, items] of Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>)) {
      for (const item of items) assert.ok(registered.has(item.command), `${menu} names unregistered ${item.command}`);
    }
  });

  it('creates, lists, keys and deletes a connection; delete removes its SecretStorage entry and the default', async () => {
    const t = await extension();
    const { store, vault, tree } = t.services;
    const c = await store.create({ name: 'Work OpenAI', provider: 'openai', model: 'gpt-4o-mini' }, { makeDefault: true });
    await vault.set(c.id, 'test-key-not-real-1234');
    assert.equal(await t.context.secrets.get(secretKeyFor(c.id)), 'test-key-not-real-1234');
    const node = tree.getChildren()[0];
    const item = tree.resolveTreeItem(tree.getTreeItem(node), node);
    assert.equal(item.label, 'Work OpenAI');
    assert.match(String(item.contextValue), /\bwithKey\b/);
    assert.match(String(item.contextValue), /\bdefault\b/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /API key:\*\* stored/);
    assert.doesNotMatch(JSON.stringify(rawDocument(t)), /test-key-not-real/);

    const deleted = await withPatched('showWarningMessage', (async () => 'Delete') as never, async () =>
      vscode.commands.executeCommand<boolean>('aiConnections.deleteConnection', c.id),
    );
    assert.equal(deleted, true);
    assert.equal(store.list().length, 0);
    assert.equal(store.snapshot().defaultId, undefined);
    assert.equal(await t.context.secrets.get(secretKeyFor(c.id)), undefined);
    assert.ok(!(await t.context.secrets.keys()).includes(secretKeyFor(c.id)));
  });

  it('keeps the connection when the delete confirmation is dismissed', async () => {
    const t = await extension();
    const c = await t.services.store.create({ name: 'Keep me', provider: 'anthropic' });
    const deleted = await withPatched('showWarningMessage', (async () => undefined) as never, async () =>
      vscode.commands.executeCommand<boolean>('aiConnections.deleteConnection', c.id),
    );
    assert.equal(deleted, false);
    assert.ok(t.services.store.get(c.id));
  });

  it('rejects a duplicate name (any case) and leaves storage unchanged', async () => {
    const t = await extension();
    await t.services.store.create({ name: 'Personal', provider: 'openai' });
    const before = JSON.stringify(rawDocument(t));
    await assert.rejects(t.services.store.create({ name: '  personal ', provider: 'groq' }), /already exists/);
    const other = await t.services.store.create({ name: 'Other', provider: 'groq' });
    const mid = JSON.stringify(rawDocument(t));
    await assert.rejects(t.services.store.update(other.id, { name: 'PERSONAL' }), /already exists/);
    assert.equal(JSON.stringify(rawDocument(t)), mid);
    assert.notEqual(before, mid);
  });

  it('duplicates every field and the key under a unique "(copy)" name', async () => {
    const t = await extension();
    const { store, vault } = t.services;
    const c = await store.create({ name: 'Local', provider: 'ollama', model: 'llama3', apiUrl: 'http://127.0.0.1:11434', headers: { 'X-Team': 'a' } });
    await vault.set(c.id, 'dup-key-not-real');
    const firstId = await vscode.commands.executeCommand<string>('aiConnections.duplicateConnection', c.id);
    const secondId = await vscode.commands.executeCommand<string>('aiConnections.duplicateConnection', c.id);
    const first = store.get(firstId)!;
    const second = store.get(secondId)!;
    assert.equal(first.name, 'Local (copy)');
    assert.equal(second.name, 'Local (copy 2)');
    assert.deepEqual({ ...first, id: '', name: '', createdAt: '', updatedAt: '' }, { ...c, id: '', name: '', createdAt: '', updatedAt: '' });
    assert.equal(await t.context.secrets.get(secretKeyFor(firstId)), 'dup-key-not-real');
  });

  it('loses no update under 50 concurrent creates and updates', async () => {
    const t = await extension();
    const { store } = t.services;
    const seed = await Promise.all(Array.from({ length: 25 }, (_, i) => store.create({ name: `seed ${i}`, provider: 'openai' })));
    await Promise.all([
      ...Array.from({ length: 25 }, (_, i) => store.create({ name: `new ${i}`, provider: 'groq' })),
      ...seed.map((c, i) => store.update(c.id, { model: `model-${i}` })),
    ]);
    const all = store.list();
    assert.equal(all.length, 50);
    for (let i = 0; i < 25; i++) {
      assert.ok(all.some((c) => c.name === `new ${i}`), `new ${i} missing`);
      assert.equal(all.find((c) => c.name === `seed ${i}`)?.model, `model-${i}`);
    }
  });

  it('does not record a test result on a connection that changed while the test ran', async () => {
    const t = await extension();
    const { store, vault, results } = t.services;
    const key = 'fake-key-changed-while-testing-01';
    const slow = await startProviderServer({ dialect: 'openai', apiKey: key, models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }] });
    try {
      const c = await store.create({ name: 'Moving', provider: 'openai', model: 'gpt-4o', apiUrl: slow.baseUrl });
      await vault.set(c.id, key);
      // The model list trickles in, a byte every few milliseconds: time to change the connection meanwhile.
      slow.setFaults([{ path: '/v1/models', times: 1, fault: { kind: 'trickle', intervalMs: 4 } }]);
      const quiet = (async () => undefined) as never;
      await withPatched('showInformationMessage', quiet, () =>
        withPatched('showErrorMessage', quiet, async () => {
          const testing = vscode.commands.executeCommand('aiConnections.testConnection', c.id);
          while (!slow.requests.some((r) => r.path === '/v1/models')) await new Promise((r) => setTimeout(r, 10));
          await store.update(c.id, { model: 'gpt-4o-mini' });
          await testing;
        }),
      );
      assert.equal(results.get(c.id), undefined, 'the result of testing gpt-4o is not gpt-4o-mini\'s');
      await withPatched('showInformationMessage', quiet, async () => vscode.commands.executeCommand('aiConnections.testConnection', c.id));
      assert.equal(results.get(c.id)?.ok, true, 'an undisturbed test is recorded');
    } finally {
      await slow.close();
    }
  });

  it('keeps a key whose connection this window has not seen (another window or Settings Sync may still deliver it)', async () => {
    const t = await extension();
    const { store, vault } = t.services;
    const c = await store.create({ name: 'Has key', provider: 'openai' });
    await t.context.secrets.store(secretKeyFor(c.id), 'k-not-real');
    // Another window's new connection: its secret is here, its globalState entry not yet.
    await t.context.secrets.store(secretKeyFor('from-another-window'), 'k2-not-real');
    assert.equal(await vault.hasKey(c.id), true);
    assert.equal(await reportUnattachedKeys(store, vault, t.services.log), 1);
    assert.equal(await t.context.secrets.get(secretKeyFor('from-another-window')), 'k2-not-real', 'only the user deletes a key');
    assert.equal(await t.context.secrets.get(secretKeyFor(c.id)), 'k-not-real');
  });

  it('stores a hostile, very long, RTL/emoji name and shows it as text', async () => {
    const t = await extension();
    const { store, tree } = t.services;
    const long = `${'ש'.repeat(20)}🚀${'x'.repeat(9_979)}`;
    const a = await store.create({ name: HOSTILE, provider: 'openai' });
    await store.create({ name: long, provider: 'openai' });
    assert.equal(store.get(a.id)?.name, HOSTILE);
    assert.equal(store.list()[1].name.length, long.length);
    const node = tree.getChildren()[0];
    const item = tree.resolveTreeItem(tree.getTreeItem(node), node);
    assert.equal(item.label, HOSTILE);
    const md = (item.tooltip as vscode.MarkdownString).value;
    assert.ok(!md.includes(HOSTILE), 'tooltip must escape the name');
    assert.ok(!(item.tooltip as vscode.MarkdownString).supportHtml);
  });

  it('sets the default from a command and clears it with the status-bar picker', async () => {
    const t = await extension();
    const { store } = t.services;
    const a = await store.create({ name: 'A', provider: 'openai' });
    await vscode.commands.executeCommand('aiConnections.setDefault', a.id);
    assert.equal(store.getDefault()?.id, a.id);
    // The status-bar picker: the current default is marked, and "None" clears it.
    let offered: vscode.QuickPickItem[] = [];
    await withPatched(
      'showQuickPick',
      (async (items: vscode.QuickPickItem[]) => {
        offered = await items;
        return offered.find((i) => i.label.includes('None'));
      }) as never,
      async () => vscode.commands.executeCommand('aiConnections.selectDefault'),
    );
    assert.ok(offered.some((i) => i.label.startsWith('$(check)') && i.label.endsWith('A')), 'the current default is marked');
    assert.equal(store.getDefault(), undefined);
  });
});
