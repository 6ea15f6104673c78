// The form keeps what was typed when its tab is hidden and shown again (the webview is rebuilt each time).
import * as assert from 'node:assert/strict';
import { formFrame, openConnectionsView, openWorkbench, runCommand, statusItem, type Workbench } from './harness';

describe('journey: the form keeps a draft', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    await statusItem(wb.page, 'No default connection').waitFor({ timeout: 90_000 });
  });
  after(async () => wb?.close());

  it('restores typed fields after another editor hid the form, and validates inline', async () => {
    const { page } = wb;
    await openConnectionsView(page);
    await runCommand(page, 'AI Connections: New Connection');
    let form = formFrame(page);
    await form.locator('[data-field="name"] input').fill('Draft survives');
    await form.locator('[data-field="apiUrl"] input').fill('ftp://not-allowed');
    await form.locator('[data-field="model"] input').click();
    await form.locator('[data-role="error-apiUrl"]', { hasText: 'http://' }).waitFor();

    // Another editor in the same group hides the form's webview.
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled-1' }).waitFor();
    await page.locator('.tabs-container .tab', { hasText: 'New Connection' }).click();
    form = formFrame(page);
    const name = form.locator('[data-field="name"] input');
    await name.waitFor();
    assert.equal(await name.inputValue(), 'Draft survives');
    assert.equal(await form.locator('[data-field="apiUrl"] input').inputValue(), 'ftp://not-allowed');

    // Save refuses the bad URL and says why next to the field; nothing is created.
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-role="error-apiUrl"]', { hasText: 'http://' }).waitFor();
    assert.equal(await page.locator('.part.sidebar .monaco-list-row').count(), 0);
  });
});
