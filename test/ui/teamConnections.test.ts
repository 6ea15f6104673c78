// Team connections in the real workbench: a .vscode/ai-connections.json written into the open folder appears
// as a "Team · <folder>" group; its connection opens read-only (no Save, no Delete; its key can be set); the
// group goes when the file does. The file is removed afterwards: other journeys share this workspace.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { contextMenu, formFrame, openConnectionsView, openWorkbench, runCommand, screenshot, statusItem, treeRow, type Workbench } from './harness';

describe('journey: team connections from the workspace', () => {
  let wb: Workbench;
  let file = '';
  before(async () => {
    wb = await openWorkbench();
    // Written, then the window reloaded, so the extension reads it as a window that opens on it does: a file
    // written while the server's watcher is still starting may be missed (the integration tier checks the
    // watcher itself; here Refresh is the way back should an event be missed).
    mkdirSync(join(wb.workspace, '.vscode'), { recursive: true });
    file = join(wb.workspace, '.vscode', 'ai-connections.json');
    writeFileSync(file, JSON.stringify({ version: 1, connections: [{ name: 'Team Claude', provider: 'anthropic', model: 'claude-sonnet-4-5' }] }, null, 2));
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    if (file) rmSync(file, { force: true });
    await wb?.close();
  });

  it('shows the team file’s connections under their folder, read-only but for the key', async () => {
    const { page } = wb;
    await statusItem(page, 'No default connection').waitFor({ timeout: 90_000 });
    await openConnectionsView(page);
    const group = page.locator('.part.sidebar .monaco-list-row', { hasText: `Team · ${basename(wb.workspace)}` });
    await group.waitFor({ timeout: 30_000 });
    await treeRow(page, 'Team Claude').waitFor();

    await treeRow(page, 'Team Claude').click();
    const form = formFrame(page);
    await form.locator('[data-role="readOnly"]').waitFor();
    assert.equal(await form.locator('[data-action="save"]').count(), 0, 'no Save');
    assert.equal(await form.locator('[data-action="delete"]').count(), 0, 'no Delete');
    assert.equal(await form.locator('[data-field="name"]').getAttribute('disabled'), '', 'the name cannot be changed');
    assert.equal(await form.locator('[data-action="setApiKey"]').getAttribute('disabled'), null, 'the key can be set');
    await screenshot(page, 'team-connection-form');

    await contextMenu(page, treeRow(page, 'Team Claude'), 'Set API Key');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.press('Escape');
    // No Delete or Edit in its context menu.
    await treeRow(page, 'Team Claude').click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.locator('.action-label', { hasText: 'Test Connection' }).waitFor();
    assert.equal(await menu.locator('.action-label', { hasText: 'Delete Connection' }).count(), 0);
    assert.equal(await menu.locator('.action-label', { hasText: 'Edit Connection' }).count(), 0);
    await page.keyboard.press('Escape');

    rmSync(file, { force: true });
    await runCommand(page, 'AI Connections: Refresh');
    await group.waitFor({ state: 'detached', timeout: 30_000 });
  });
});
