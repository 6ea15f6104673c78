// Team connections: a workspace folder's .vscode/ai-connections.json, through the real extension host, its
// file system watcher, SecretStorage, the tree, the form controller, the commands, chat and the API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionTreeProvider, TreeNode } from '../../src/views/connectionTree';
import { ConnectionFormController } from '../../src/views/formController';
import { applyKeyChoice } from '../../src/flows/applyKeyChoice';
import type { ToWebview } from '../../src/shared/protocol';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { collect, eventually, extension, publicApi, resetState, withPatched } from './support';
import { headerSecretKeyFor } from '../../src/ids';

const KEY = 'fake-key-team-connection-0001';

function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration host opens a workspace folder');
  return folder;
}

const teamFileUri = () => vscode.Uri.joinPath(workspaceFolder().uri, '.vscode', 'ai-connections.json');

async function writeTeamFile(connections: unknown[]): Promise<void> {
  await vscode.workspace.fs.writeFile(teamFileUri(), new TextEncoder().encode(JSON.stringify({ version: 1, connections }, null, 2)));
}

async function removeTeamFile(): Promise<void> {
  try {
    await vscode.workspace.fs.delete(teamFileUri());
  } catch {
    // already gone
  }
}

function teamGroups(tree: ConnectionTreeProvider): Extract<TreeNode, { kind: 'team' }>[] {
  return tree.getChildren().filter((n): n is Extract<TreeNode, { kind: 'team' }> => n.kind === 'team');
}

function teamRows(tree: ConnectionTreeProvider): vscode.TreeItem[] {
  return teamGroups(tree).flatMap((g) => tree.getChildren(g).map((n) => tree.getTreeItem(n)));
}

describe('team connections (.vscode/ai-connections.json)', () => {
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }] });
  });
  after(async () => {
    await removeTeamFile();
    await server?.close();
  });
  beforeEach(async () => {
    await removeTeamFile();
    const t = await resetState();
    await eventually(() => t.services.team.list().length === 0, 'no team connections left from before');
  });

  it('shows the file’s connections in their own group, follows edits, and goes away with the file', async () => {
    const t = await extension();
    const { tree, connections } = t.services;
    const personalBefore = tree.getChildren().length;
    await writeTeamFile([{ name: 'Team GPT', provider: 'openai', model: 'gpt-4o', apiUrl: server.baseUrl }]);
    await eventually(() => teamRows(tree).some((r) => r.label === 'Team GPT'), 'the team connection appears in the tree');
    const [group] = teamGroups(tree);
    const groupItem = tree.getTreeItem(group);
    assert.equal(groupItem.label, `Team · ${workspaceFolder().name}`);
    assert.equal(groupItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const row = teamRows(tree)[0];
    assert.match(String(row.contextValue), /\bteam\b/);
    assert.equal(tree.getChildren().length, personalBefore + 1, 'one group node, the personal rows as they were');
    const id = connections.findByName('Team GPT')?.id ?? '';
    assert.ok(id.startsWith('team-'), id);

    await writeTeamFile([{ name: 'Team GPT', provider: 'openai', model: 'gpt-4o-mini', apiUrl: server.baseUrl }, { name: 'Second', provider: 'ollama' }]);
    await eventually(() => connections.get(id)?.model === 'gpt-4o-mini' && teamRows(tree).length === 2, 'the edit reaches the tree');
    assert.equal(connections.findByName('Team GPT')?.id, id, 'the id (and so the key) stays through an edit of the model');

    await writeTeamFile([{ name: 'Team GPT', provider: 'nope' }]);
    await eventually(() => teamRows(tree).some((r) => r.label === 'connections[0].provider'), 'a problem is shown with its place in the file');
    assert.equal(connections.get(id), undefined);

    await removeTeamFile();
    await eventually(() => teamGroups(tree).length === 0, 'the group goes with the file');
    assert.equal(tree.getChildren().length, personalBefore, 'the tree is exactly as before');
  });

  it('is usable everywhere with the key each teammate sets: Test, chat, the API — but never edited or deleted here', async () => {
    const t = await extension();
    const { connections, vault, results, store } = t.services;
    await writeTeamFile([{ name: 'Team GPT', provider: 'openai', model: 'gpt-4o', apiUrl: server.baseUrl }]);
    await eventually(() => connections.findByName('Team GPT') !== undefined, 'loaded');
    const c = connections.findByName('Team GPT');
    assert.ok(c);
    await vault.set(c.id, KEY);

    await withPatched('showInformationMessage', (async () => undefined) as never, async () => vscode.commands.executeCommand('aiConnections.testConnection', c.id));
    assert.equal(results.get(c.id)?.ok, true, 'Test ran with the team connection and the local key');
    assert.ok(server.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`));

    const models = await vscode.lm.selectChatModels({ vendor: 'ai-connections' });
    const model = models.find((m) => m.id === c.id);
    assert.ok(model, `offered to chat: ${models.map((m) => m.name).join(', ')}`);
    assert.match(model.name, /Team GPT \(team /);
    const reply = await collect(await model.sendRequest([vscode.LanguageModelChatMessage.User('hi')], {}));
    assert.ok(reply.length > 0);

    const api = await publicApi();
    const listed = (await api.listConnections()).find((i) => i.id === c.id);
    assert.equal(listed?.teamFolder, workspaceFolder().name);
    assert.equal(listed?.hasApiKey, true);

    const shown: string[] = [];
    await withPatched('showInformationMessage', (async (m: string) => shown.push(m)) as never, async () => {
      assert.equal(await vscode.commands.executeCommand('aiConnections.deleteConnection', c.id), false);
      await vscode.commands.executeCommand('aiConnections.setDefault', c.id);
    });
    assert.ok(shown.every((m) => /team connection/.test(m)) && shown.length === 2, shown.join(' | '));
    assert.ok(connections.get(c.id), 'still there');
    assert.equal(store.snapshot().defaultId, undefined, 'a team connection is never the (synced) default');
    assert.equal(await vault.hasKey(c.id), true, 'its key was not touched');

    const posted: ToWebview[] = [];
    const form = new ConnectionFormController(t.services, c.id, (m) => posted.push(m), () => undefined);
    await form.receive({ type: 'ready' });
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init' && init.readOnly && /team connection/.test(init.readOnly), 'the form opens read-only');
    assert.equal(init.draft.name, 'Team GPT');
    await form.receive({ type: 'save', requestId: 1, draft: { ...init.draft, name: 'Renamed' } });
    const saved = posted.find((m) => m.type === 'saveResult');
    assert.ok(saved?.type === 'saveResult' && !saved.ok, 'Save is refused');
    assert.equal(connections.get(c.id)?.name, 'Team GPT');
    form.dispose();
  });

  it('sends the header values each user sets for the headers the file names, kept out of the form and globalState', async () => {
    const t = await extension();
    const { connections, vault, results } = t.services;
    const VALUE = 'fake-header-value-team-0001';
    await writeTeamFile([{ name: 'Gateway', provider: 'openai', model: 'gpt-4o', apiUrl: server.baseUrl, headerNames: ['X-Team'] }]);
    await eventually(() => connections.findByName('Gateway') !== undefined, 'loaded');
    const c = connections.findByName('Gateway');
    assert.ok(c);
    try {
      await vault.set(c.id, KEY);
      const row = teamRows(t.services.tree).find((r) => r.label === 'Gateway');
      assert.match(String(row?.contextValue), /\bteamHeaders\b/);
      const asked: string[] = [];
      await withPatched('showInputBox', (async (o: vscode.InputBoxOptions) => (asked.push(`${o.title} password=${String(o.password)}`), VALUE)) as never, async () =>
        vscode.commands.executeCommand('aiConnections.setHeaderValues', c.id),
      );
      assert.deepEqual(asked, ['Gateway: value of the header X-Team password=true']);
      // Kept where a personal connection's header values are (SecretStorage, beside the key).
      assert.deepEqual(await vault.headerValues(c.id), { 'X-Team': VALUE });
      const before = server.requests.length;
      await withPatched('showInformationMessage', (async () => undefined) as never, async () => vscode.commands.executeCommand('aiConnections.testConnection', c.id));
      assert.equal(results.get(c.id)?.ok, true);
      assert.ok(server.requests.slice(before).every((r) => r.headers['x-team'] === VALUE), 'every request carries the header');

      const posted: ToWebview[] = [];
      const form = new ConnectionFormController(t.services, c.id, (m) => posted.push(m), () => undefined);
      await form.receive({ type: 'ready' });
      form.dispose();
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.deepEqual(init.draft.headers, [{ name: 'X-Team', value: '', stored: true }], 'the form gets the name, never the value');
      const everything = JSON.stringify(t.context.globalState.keys().map((k) => t.context.globalState.get(k)));
      assert.ok(!everything.includes(VALUE), 'not in globalState');
    } finally {
      await t.context.secrets.delete(headerSecretKeyFor(c.id));
    }
  });

  it('takes a key typed for it, but not env:NAME (the variable its key is read from is its file\'s)', async () => {
    const t = await extension();
    const { connections, vault } = t.services;
    await writeTeamFile([{ name: 'Keyed', provider: 'openai', model: 'gpt-4o', apiUrl: server.baseUrl }]);
    await eventually(() => connections.findByName('Keyed') !== undefined, 'loaded');
    const c = connections.findByName('Keyed');
    assert.ok(c);
    // What Set API Key and the form's key button do with the choice typed into the key box.
    await assert.rejects(applyKeyChoice(t.services, c, { kind: 'env', name: 'AIC_TEAM_TEST_KEY' }), /team connection/);
    assert.equal(connections.get(c.id)?.apiKeyEnv, undefined);
    assert.equal(await vault.hasKey(c.id), false);
    await applyKeyChoice(t.services, c, { kind: 'key', key: KEY });
    assert.equal(await vault.get(c.id), KEY, 'a typed key is stored for it');
  });

  it('keeps name lookups working when a team name is also a personal one', async () => {
    const t = await extension();
    const { connections, store, vault } = t.services;
    const personal = await store.create({ name: 'Shared', provider: 'openai', model: 'gpt-4o', apiUrl: server.baseUrl });
    await vault.set(personal.id, KEY);
    await writeTeamFile([{ name: 'shared', provider: 'openai', model: 'gpt-4o-mini', apiUrl: server.baseUrl }]);
    await eventually(() => t.services.team.list().length === 1, 'loaded');
    assert.equal(connections.findByName('Shared')?.id, personal.id, 'a name finds the personal connection first');
    const team = connections.findByName(`${workspaceFolder().name}/shared`);
    assert.ok(team && team.id !== personal.id, 'the team one by <folder>/<name>');
    await vault.set(team.id, KEY);
    const api = await publicApi();
    const before = server.chatStreams.length;
    await collect(api.chat([{ role: 'user', content: 'hi' }], { connection: `${workspaceFolder().name}/shared` }));
    assert.equal(server.chatStreams[before]?.json.model, 'gpt-4o-mini', 'the API reached the team connection by its qualified name');
    const ids = (await vscode.lm.selectChatModels({ vendor: 'ai-connections' })).map((m) => m.id);
    assert.ok(ids.includes(personal.id) && ids.includes(team.id), 'both are chat models');
  });
});
