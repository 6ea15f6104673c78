import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ai-connections.ai-connections';

describe('activation', () => {
  it('activates in VS Code 1.139 and registers its view and commands', async () => {
    // code-server here embeds VS Code 1.139; on a desktop, test:electron runs whatever stable is current.
    if (vscode.env.uiKind === vscode.UIKind.Web) assert.match(vscode.version, /^1\.139\./);
    else assert.ok(Number(vscode.version.split('.')[1]) >= 138, vscode.version);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension is installed');
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('aiConnections.newConnection'));
    // Opening the view proves the container and view are contributed and resolvable.
    await vscode.commands.executeCommand('aiConnections.connections.focus');
  });
});
