import * as assert from 'node:assert/strict';
import { openConnectionsView, openWorkbench, screenshot, statusItem, type Workbench } from './harness';

describe('workbench: first run', () => {
  let wb: Workbench;
  before(async () => (wb = await openWorkbench()));
  after(async () => wb?.close());

  it('shows the status-bar default picker once the extension activates', async () => {
    const item = statusItem(wb.page, 'No default connection');
    await item.waitFor({ timeout: 90_000 });
    assert.equal(await item.isVisible(), true);
  });

  it('opens the AI Connections view from the activity bar and offers New Connection', async () => {
    await openConnectionsView(wb.page);
    const button = wb.page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'New Connection' });
    await button.waitFor();
    assert.equal(await button.isVisible(), true);
    await screenshot(wb.page, 'welcome');
  });
});
