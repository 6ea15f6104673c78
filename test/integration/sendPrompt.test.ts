// Send Prompt through the real command: two prompts at once keep their own cancel, and closing a reply's editor
// stops its request (the provider stops generating, and billing, what nobody reads).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { extension, resetState, within } from './support';

const KEY = 'fake-key-integration-send-prompt-01';
const SLOW = { deltas: Array.from({ length: 25 }, (_, i) => ` word${i}`), intervalMs: 80 };

describe('Send Prompt: several at once, and closing the reply', function () {
  this.timeout(30_000);
  let server: StartedProviderServer;
  const original = { pick: vscode.window.showQuickPick, input: vscode.window.showInputBox };

  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o-mini' }], chat: SLOW });
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    await resetState();
    const { store, vault } = (await extension()).services;
    const c = await store.create({ name: 'Slow', provider: 'openai', model: 'gpt-4o-mini', apiUrl: server.baseUrl });
    await vault.set(c.id, KEY);
    // The connection pick and the prompt box, answered as a user would.
    (vscode.window as { showQuickPick: unknown }).showQuickPick = async (items: readonly { label: string }[] | Thenable<readonly { label: string }[]>) =>
      (await items).find((i) => i.label === 'Slow');
    (vscode.window as { showInputBox: unknown }).showInputBox = async () => 'Count slowly';
  });
  afterEach(() => {
    (vscode.window as { showQuickPick: unknown }).showQuickPick = original.pick;
    (vscode.window as { showInputBox: unknown }).showInputBox = original.input;
  });

  it('a second prompt does not cancel the first; Cancel Prompt stops the newest only', async () => {
    const base = server.chatStreams.length;
    const first = vscode.commands.executeCommand('aiConnections.sendPrompt');
    const firstStream = await within(server.chatStream(base), 'the first request');
    const second = vscode.commands.executeCommand('aiConnections.sendPrompt');
    const secondStream = await within(server.chatStream(base + 1), 'the second request');
    assert.equal(firstStream.outcome, undefined, 'starting a second prompt left the first one running');

    await vscode.commands.executeCommand('aiConnections.cancelPrompt');
    await within(secondStream.clientClosed, 'Cancel Prompt closed the newest request');
    await second;
    await first;
    assert.equal(firstStream.outcome, 'completed', 'the first reply ran to its end');
    assert.equal(firstStream.deltasSent, SLOW.deltas.length);
  });

  it('closing the reply editor stops its request', async () => {
    const base = server.chatStreams.length;
    const running = vscode.commands.executeCommand('aiConnections.sendPrompt');
    const stream = await within(server.chatStream(base), 'the request');
    const doc = await within(
      new Promise<vscode.TextDocument>((resolve) => {
        const poll = () => {
          const d = vscode.window.activeTextEditor?.document;
          if (d?.isUntitled && d.languageId === 'markdown') resolve(d);
          else setTimeout(poll, 50);
        };
        poll();
      }),
      'the reply editor',
    );
    assert.ok(doc.isUntitled);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await within(stream.clientClosed, 'closing the editor closed the request');
    await running;
    assert.ok(stream.deltasSent < SLOW.deltas.length, `the whole reply was sent (${stream.deltasSent} deltas)`);
  });
});
