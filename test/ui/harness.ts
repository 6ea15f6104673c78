// The UI tier's workbench: one code-server (with the packaged .vsix installed) and one Chromium per
// tier run, a fresh browser context per journey. Each compiled test file bundles its own copy of this
// module, so the shared session lives on globalThis.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { codeServerCli, ensureHost, ensureSystemPrereqs, startCodeServer } from '../../scripts/lib/host.mjs';
import { launchBrowser } from '../../scripts/lib/browser.mjs';
import { createProfile } from '../../scripts/lib/profile.mjs';

export const VSIX = resolve(process.env.AI_CONNECTIONS_VSIX ?? 'out/ai-connections.vsix');
export const RESULTS_DIR = resolve('test-results');

interface Session {
  url: string;
  workspace: string;
  browser: Browser;
  stop(): Promise<void>;
}

const SESSION = Symbol.for('aiConnections.ui.session');
type Global = typeof globalThis & { [SESSION]?: Promise<Session> };
const g = globalThis as Global;

async function startSession(): Promise<Session> {
  ensureSystemPrereqs();
  ensureHost();
  const profile = createProfile('ui');
  codeServerCli(
    ['--install-extension', VSIX, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir],
    { home: profile.home },
  );
  // No smoke-test flag here: it hides notification toasts, which the journeys read.
  const server = await startCodeServer({
    userDataDir: profile.userDataDir,
    extensionsDir: profile.extensionsDir,
    home: profile.home,
  });
  const browser = await launchBrowser();
  return {
    url: server.url,
    workspace: profile.workspace,
    browser,
    async stop() {
      await browser.close().catch(() => {});
      server.stop();
      profile.dispose();
    },
  };
}

const PAGES = Symbol.for('aiConnections.ui.pages');
const open: Set<Page> = ((globalThis as Record<symbol, unknown>)[PAGES] ??= new Set<Page>()) as Set<Page>;

function session(): Promise<Session> {
  if (!g[SESSION]) {
    g[SESSION] = startSession();
    after(async () => (await g[SESSION])?.stop());
    // A failed step leaves a picture of the workbench behind, named after the test.
    afterEach(async function () {
      if (this.currentTest?.state !== 'failed') return;
      const name = `FAILED-${this.currentTest.fullTitle().replace(/[^\w-]+/g, '_').slice(0, 80)}`;
      for (const page of open) await screenshot(page, name).catch(() => {});
    });
  }
  return g[SESSION];
}

export interface Workbench {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser context (so fresh browser-side storage and secrets) on the shared code-server. */
export async function openWorkbench(): Promise<Workbench> {
  const s = await session();
  const context = await s.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  open.add(page);
  await page.goto(`${s.url}?folder=${encodeURIComponent(s.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page,
    context,
    close: async () => {
      open.delete(page);
      await context.close();
    },
  };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
}

/** The status-bar item of the extension; appearing means the extension activated. */
export function statusItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.statusbar-item', { hasText: text });
}

export async function openConnectionsView(page: Page) {
  await page.locator('.activitybar a.action-label[aria-label^="AI Connections"]').click();
  // A container with one view hides that view's pane header; the sidebar title names the container.
  await page.locator('.part.sidebar .title-label', { hasText: /AI Connections/i }).waitFor();
}

/** Runs a command from the palette by its full title ("AI Connections: New Connection"). */
export async function runCommand(page: Page, title: string) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
}

/** The connection form's DOM: the webview's two nested iframes. */
export function formFrame(page: Page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** A row of the Connections view, by the connection's exact name (rows are labelled "name, provider, …"). */
export function treeRow(page: Page, name: string): Locator {
  return page.locator(`.part.sidebar .monaco-list-row[aria-label^=${JSON.stringify(`${name},`)}]`);
}

/** Right-clicks a target and picks an entry of the workbench context menu. */
export async function contextMenu(page: Page, target: Locator, entry: string) {
  await target.click({ button: 'right' });
  const item = page.locator('.context-view .action-item .action-label', { hasText: new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await item.first().waitFor();
  // The menu ignores a click that lands while it is still settling; hovering focuses the entry and Enter
  // runs it, as a keyboard user would.
  await item.first().hover();
  await page.locator('.context-view .action-item.focused .action-label', { hasText: entry }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached' }).catch(() => {});
}

/** Everything a user or a script in the page could read: markup, text and input values of every frame. */
export async function pageText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const frame of page.frames()) {
    try {
      parts.push(
        await frame.evaluate(() => {
          const values = [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value);
          return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
        }),
      );
    } catch {
      /* a frame navigating away */
    }
  }
  return parts.join('\n');
}

export interface NewConnectionFields {
  name: string;
  model?: string;
  apiUrl?: string;
}

/** Opens New Connection from the view's title bar, fills the form and saves; waits for the tree row. */
export async function createConnectionViaForm(page: Page, f: NewConnectionFields) {
  await openConnectionsView(page);
  await page.locator('.part.sidebar .actions-container .action-label[aria-label="New Connection"]').first().click();
  const form = formFrame(page);
  await form.locator('[data-field="name"] input').fill(f.name);
  if (f.model) await form.locator('[data-field="model"] input').fill(f.model);
  if (f.apiUrl) await form.locator('[data-field="apiUrl"] input').fill(f.apiUrl);
  await form.locator('[data-action="save"]').click();
  await treeRow(page, f.name).waitFor();
}

/** Hovers a tree row and clicks one of its inline actions (Test Connection, List Models, Edit Connection). */
export async function inlineAction(row: Locator, title: string) {
  await row.hover();
  await row.locator(`.actions .action-label[aria-label^=${JSON.stringify(title)}]`).click();
}

/** The newest notification toast containing `text`. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** Sets a connection's key through its context menu and the native password box. */
export async function setKeyViaMenu(page: Page, name: string, key: string, entry: 'Set API Key' | 'Update API Key' = 'Set API Key') {
  await contextMenu(page, treeRow(page, name), entry);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(key);
  await input.press('Enter');
  await page.locator(`.part.sidebar .monaco-list-row[aria-label^=${JSON.stringify(`${name},`)}][aria-label*="API key stored"]`).waitFor();
  // The confirmation comes last, once the tree has settled: a click before that can land on a row being redrawn.
  const confirmation = toast(page, `API key stored for ${name}.`);
  await confirmation.waitFor();
  await dismiss(confirmation);
}

/** Closes a notification toast (its close button shows on hover). */
export async function dismiss(notification: Locator) {
  await notification.hover();
  await notification.locator('.codicon-notifications-clear').click();
  await notification.waitFor({ state: 'detached' });
}

/** The text of the active editor as Monaco renders it (non-breaking spaces read as spaces). */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.part.editor .editor-instance .monaco-editor .view-lines').first();
  if (!(await lines.count())) return '';
  // Monaco renders lines absolutely positioned, in any DOM order: sort them by their top offset.
  return lines.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** Waits until the active editor's text satisfies `check`; fails with the last text seen. */
export async function waitForEditorText(page: Page, check: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const start = Date.now();
  let text = '';
  while (Date.now() - start < timeoutMs) {
    text = await editorText(page);
    if (check(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}; the editor shows ${JSON.stringify(text)}`);
}

/** Picks a row of the open quick pick, once the pick with this title is showing. */
export async function pickQuickItem(page: Page, title: string | RegExp, row: string) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: row }).first().click();
}

/** Types into the open input box with this title and presses Enter. */
export async function answerInputBox(page: Page, title: string | RegExp, value: string) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(value);
  await input.press('Enter');
}
