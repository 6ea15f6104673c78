// Two windows on one profile: two tabs of one browser profile on one code-server share storage as two desktop
// windows do (vscode-host.md, "Two tabs are two windows"). What one window does shows in the other without
// Refresh; changes made in both at nearly the same moment are all kept; keys survive reloads.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { startProviderServer, type StartedProviderServer } from '../servers';
import {
  contextMenu,
  createConnectionViaForm,
  formFrame,
  inlineAction,
  openAnotherWindow,
  openConnectionsView,
  openWorkbench,
  reloadWindow,
  setKeyViaMenu,
  statusItem,
  toast,
  treeRow,
  type Workbench,
} from './harness';

const KEY = 'fake-key-two-windows-0001';
/** A hang guard, not a measure: another window's change arrives in about a second. */
/** Clicks every button in the same instant (no actionability wait), so the windows' writes cross in flight. */
const clickAtOnce = (buttons: Locator[]) => Promise.all(buttons.map((b) => b.evaluate((el) => (el as HTMLElement).click())));
const ACROSS = { timeout: 15_000 };

const keyedRow = (page: Page, name: string) =>
  page.locator(`.part.sidebar .monaco-list-row[aria-label^=${JSON.stringify(`${name},`)}][aria-label*="API key stored"]`);

async function gone(page: Page, name: string) {
  await treeRow(page, name).waitFor({ state: 'detached', ...ACROSS });
}

describe('journey: two windows sharing one profile', () => {
  let a: Workbench;
  let b: Workbench;
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o-mini' }] });
    a = await openWorkbench();
    b = await openAnotherWindow(a);
    for (const w of [a, b]) {
      await statusItem(w.page, 'No default connection').waitFor({ timeout: 90_000 });
      await openConnectionsView(w.page);
    }
  });
  after(async () => {
    await b?.close();
    await a?.close();
    await server?.close();
  });

  it('shows a connection made in one window in the other, without Refresh, and the default too', async () => {
    await createConnectionViaForm(a.page, { name: 'Made in A', model: 'gpt-4o-mini', apiUrl: server.baseUrl });
    await treeRow(b.page, 'Made in A').waitFor(ACROSS);
    await statusItem(a.page, 'No default connection').click();
    await a.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Made in A' }).first().click();
    await statusItem(b.page, /Made in A · gpt-4o-mini/).waitFor(ACROSS);
  });

  it('uses in one window the key stored in the other, after the reload code-server needs', async () => {
    await setKeyViaMenu(a.page, 'Made in A', KEY);
    await reloadWindow(b.page);
    await statusItem(b.page, /Made in A/).waitFor({ timeout: 90_000 });
    await openConnectionsView(b.page);
    await keyedRow(b.page, 'Made in A').waitFor(ACROSS);
    await inlineAction(treeRow(b.page, 'Made in A'), 'Test Connection');
    await toast(b.page, /Made in A: Connection works/).waitFor({ timeout: 30_000 });
    assert.ok(server.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`));
  });

  it('keeps every create, rename and delete made in both windows at nearly the same moment', async () => {
    // Creates: both forms filled, then both saved at once.
    const saves = [];
    for (const [w, name] of [[a, 'Both A'], [b, 'Both B']] as const) {
      await w.page.locator('.part.sidebar .actions-container .action-label[aria-label="New Connection"]').first().click();
      const form = formFrame(w.page);
      await form.locator('[data-field="name"] input').fill(name);
      saves.push(form.locator('[data-action="save"]'));
    }
    for (const s of saves) await s.waitFor();
    await clickAtOnce(saves);
    for (const w of [a, b]) for (const name of ['Both A', 'Both B', 'Made in A']) await treeRow(w.page, name).waitFor(ACROSS);

    // Renames: each window edits one, both saved at once.
    const renames = [];
    for (const [w, from, to] of [[a, 'Both B', 'B renamed in A'], [b, 'Both A', 'A renamed in B']] as const) {
      await inlineAction(treeRow(w.page, from), 'Edit Connection');
      const form = formFrame(w.page);
      const name = form.locator('[data-field="name"] input');
      await name.waitFor();
      await name.fill(to);
      renames.push(form.locator('[data-action="save"]'));
    }
    for (const s of renames) await s.waitFor();
    await clickAtOnce(renames);
    for (const w of [a, b]) for (const name of ['A renamed in B', 'B renamed in A']) await treeRow(w.page, name).waitFor(ACROSS);

    // Deletes: each window asks to delete one, both confirmed at once.
    const confirms = [];
    for (const [w, name] of [[a, 'A renamed in B'], [b, 'B renamed in A']] as const) {
      await contextMenu(w.page, treeRow(w.page, name), 'Delete Connection');
      const dialog = w.page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      confirms.push(dialog.locator('.monaco-button', { hasText: /^Delete$/ }));
    }
    for (const c of confirms) await c.waitFor();
    await clickAtOnce(confirms);
    for (const w of [a, b]) {
      await gone(w.page, 'A renamed in B');
      await gone(w.page, 'B renamed in A');
      await treeRow(w.page, 'Made in A').waitFor(ACROSS);
    }
  });

  it('loses no key on reload', async () => {
    for (const w of [a, b]) {
      await reloadWindow(w.page);
      await statusItem(w.page, /Made in A/).waitFor({ timeout: 90_000 });
      await openConnectionsView(w.page);
      await keyedRow(w.page, 'Made in A').waitFor(ACROSS);
      assert.equal(await treeRow(w.page, 'A renamed in B').count(), 0);
      assert.equal(await treeRow(w.page, 'B renamed in A').count(), 0);
    }
  });
});
