// The seed journey in the real workbench: empty view → New Connection → form → Save → tree →
// Set API Key (native password box) → default from the status bar → Duplicate → Delete.
import * as assert from 'node:assert/strict';
import {
  contextMenu,
  formFrame,
  openConnectionsView,
  openWorkbench,
  pageText,
  screenshot,
  statusItem,
  treeRow,
  type Workbench,
} from './harness';

const KEY = 'journey-key-not-real-7f3a9c';

describe('journey: manage a connection in the workbench', () => {
  let wb: Workbench;
  before(async () => (wb = await openWorkbench()));
  after(async () => wb?.close());

  it('creates a connection from the welcome view through the form', async () => {
    const { page } = wb;
    await statusItem(page, 'No default connection').waitFor({ timeout: 90_000 });
    await openConnectionsView(page);
    await page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'New Connection' }).click();
    const form = formFrame(page);
    await form.locator('[data-field="name"] input').fill('Work');
    await form.locator('[data-field="model"] input').fill('gpt-4o-mini');
    await screenshot(page, 'form');
    await form.locator('[data-action="save"]').click();
    await treeRow(page, 'Work').waitFor();
    assert.equal(await treeRow(page, 'Work').count(), 1);
  });

  it('stores an API key through the native password input without ever showing it', async () => {
    const { page } = wb;
    await contextMenu(page, treeRow(page, 'Work'), 'Set API Key');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(KEY);
    await input.press('Enter');
    await page.locator('.part.sidebar .monaco-list-row[aria-label*="API key stored"]', { hasText: 'Work' }).waitFor();
    assert.equal((await pageText(page)).includes(KEY), false, 'the key text appears in the page');
  });

  it('sets the default from the status-bar picker and shows it there', async () => {
    const { page } = wb;
    await statusItem(page, 'No default connection').click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Work' }).first().click();
    await statusItem(page, /Work · gpt-4o-mini/).waitFor();
    await treeRow(page, 'Work').filter({ hasText: 'default' }).waitFor();
    // The tooltip (built on hover) lists every field and says the key is stored, without showing it.
    await treeRow(page, 'Work').locator('.label-name').hover();
    const hover = page.locator('.monaco-hover', { hasText: 'API key: stored' });
    await hover.waitFor();
    assert.match(await hover.innerText(), /Default: yes/);
    assert.equal((await pageText(page)).includes(KEY), false);
    await screenshot(page, 'readme');
    await page.mouse.move(700, 500);
  });

  it('duplicates, then deletes the original after confirmation; the default is cleared', async () => {
    const { page } = wb;
    await contextMenu(page, treeRow(page, 'Work'), 'Duplicate Connection');
    // The copy's key is written last: once its row says so, the view has settled.
    await page.locator('.part.sidebar .monaco-list-row[aria-label^="Work (copy),"][aria-label*="API key stored"]').waitFor();
    await contextMenu(page, treeRow(page, "Work"), 'Delete Connection');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Delete the connection "Work"\?/);
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await statusItem(page, 'No default connection').waitFor();
    await page.waitForFunction(
      () => ![...document.querySelectorAll('.part.sidebar .monaco-list-row')].some((r) => r.getAttribute('aria-label')?.startsWith('Work,')),
    );
    assert.equal(await treeRow(page, 'Work (copy)').count(), 1);
    assert.equal((await pageText(page)).includes(KEY), false);
    await screenshot(page, 'journey-end');
  });
});
