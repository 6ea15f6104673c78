// The UI tier's workbench: one code-server (with the packaged .vsix installed) and one Chromium per
// tier run, a fresh browser context per journey. Each compiled test file bundles its own copy of this
// module, so the shared session lives on globalThis.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { codeServerCli, ensureHost, ensureSystemPrereqs, startCodeServer } from '../../scripts/lib/host.mjs';
import { launchBrowser } from '../../scripts/lib/browser.mjs';
import { CHAT_SETTINGS, createProfile } from '../../scripts/lib/profile.mjs';

export const VSIX = resolve(process.env.AI_CONNECTIONS_VSIX ?? 'out/ai-connections.vsix');
export const RESULTS_DIR = resolve('test-results');

interface Session {
  url: string;
  workspace: string;
  browser: Browser;
  stop(): Promise<void>;
}

/** `plain`: the quiet profile most journeys share. `chat`: its own code-server whose profile shows VS Code's chat. */
export type SessionKind = 'plain' | 'chat';

const SESSION = Symbol.for('aiConnections.ui.session');
const CHAT_SESSION = Symbol.for('aiConnections.ui.chatSession');
type Global = typeof globalThis & { [SESSION]?: Promise<Session>; [CHAT_SESSION]?: Promise<Session> };
const g = globalThis as Global;

async function startSession(kind: SessionKind = 'plain'): Promise<Session> {
  ensureSystemPrereqs();
  ensureHost();
  const profile = kind === 'chat' ? createProfile('ui-chat', CHAT_SETTINGS) : createProfile('ui');
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

const FAILURE_SHOTS = Symbol.for('aiConnections.ui.failureShots');

function session(kind: SessionKind = 'plain'): Promise<Session> {
  const key = kind === 'chat' ? CHAT_SESSION : SESSION;
  if (!g[key]) {
    g[key] = startSession(kind);
    after(async () => (await g[key])?.stop());
  }
  const flags = globalThis as Record<symbol, unknown>;
  if (!flags[FAILURE_SHOTS]) {
    flags[FAILURE_SHOTS] = true;
    // A failed step leaves a picture of the workbench behind, named after the test.
    afterEach(async function () {
      if (this.currentTest?.state !== 'failed') return;
      const name = `FAILED-${this.currentTest.fullTitle().replace(/[^\w-]+/g, '_').slice(0, 80)}`;
      for (const page of open) await screenshot(page, name).catch(() => {});
    });
  }
  return g[key];
}

export interface Workbench {
  page: Page;
  context: BrowserContext;
  /** The folder the workbench has open (on this machine: code-server runs locally). */
  workspace: string;
  /** The address the page opened. */
  url: string;
  close(): Promise<void>;
}

/**
 * A fresh browser context (so fresh browser-side storage and secrets) on the shared code-server; with
 * `{ session: 'chat' }`, on the code-server whose profile shows VS Code's chat (CHAT_SETTINGS).
 */
export async function openWorkbench(opts: { session?: SessionKind } = {}): Promise<Workbench> {
  const s = await session(opts.session);
  const context = await s.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  open.add(page);
  const url = `${s.url}?folder=${encodeURIComponent(s.workspace)}`;
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page,
    context,
    workspace: s.workspace,
    url,
    close: async () => {
      open.delete(page);
      await context.close();
    },
  };
}

/**
 * A second tab of the same browser profile on the same workbench: a second VS Code window sharing the first's
 * storage (vscode-host.md, "Two tabs are two windows": globalState live, SecretStorage only after a reload).
 */
export async function openAnotherWindow(wb: Workbench): Promise<Workbench> {
  const page = await wb.context.newPage();
  open.add(page);
  await page.goto(wb.url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page,
    context: wb.context,
    workspace: wb.workspace,
    url: wb.url,
    close: async () => {
      open.delete(page);
      await page.close();
    },
  };
}

/** Reloads a window (code-server hands a tab the secrets other tabs stored only when it loads). */
export async function reloadWindow(page: Page) {
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
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
  // Clicking the icon of the container that is already showing hides the side bar: click only when it is not.
  const shown = await page.locator('.part.sidebar .title-label', { hasText: /AI Connections/i }).isVisible();
  if (!shown) await page.locator('.activitybar a.action-label[aria-label^="AI Connections"]').click();
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
  /** A provider id from the catalogue (the dropdown's option value); the form's default when absent. */
  provider?: string;
  model?: string;
  apiUrl?: string;
}

/** Opens New Connection from the view's title bar, fills the form and saves; waits for the tree row. */
export async function createConnectionViaForm(page: Page, f: NewConnectionFields) {
  await openConnectionsView(page);
  await page.locator('.part.sidebar .actions-container .action-label[aria-label="New Connection"]').first().click();
  const form = formFrame(page);
  await form.locator('[data-field="name"] input').fill(f.name);
  if (f.provider) await chooseProvider(form, f.provider);
  if (f.model) await form.locator('[data-field="model"] input').fill(f.model);
  if (f.apiUrl) await form.locator('[data-field="apiUrl"] input').fill(f.apiUrl);
  await form.locator('[data-action="save"]').click();
  await treeRow(page, f.name).waitFor();
}

/** Picks a provider in the form's dropdown by its id, as a user does: open the list, click the entry. */
export async function chooseProvider(form: FrameLocator, providerId: string) {
  const dropdown = form.locator('[data-field="provider"]');
  const option = dropdown.locator(`vscode-option[value=${JSON.stringify(providerId)}]`);
  if (!(await option.isVisible())) await dropdown.click();
  await option.click();
  if ((await dropdown.evaluate((d) => (d as HTMLElement & { value: string }).value)) !== providerId) {
    throw new Error(`the form's provider dropdown did not take ${providerId}`);
  }
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

// VS Code's own chat (a `chat` session: see CHAT_SETTINGS). Selectors checked on 1.139.1 (code-server 4.139.1).

/** The chat input's editor (Monaco) in the chat view. */
export function chatInput(page: Page): Locator {
  return page.locator('.interactive-input-part .interactive-input-editor');
}

/** Opens the chat view (secondary side bar) from the palette; resolves once its input shows. */
export async function openChat(page: Page) {
  await runCommand(page, 'Chat: Open Chat');
  await chatInput(page).waitFor();
}

/** Starts a new, empty chat session from the chat view's title bar. */
export async function newChat(page: Page) {
  // The view's title bar and the chat section's toolbar each carry one.
  await page.locator('.part.auxiliarybar .action-label.codicon-plus[aria-label^="New Chat"]').first().click();
  await page.locator('.interactive-session .interactive-item-container').first().waitFor({ state: 'detached' });
}

/**
 * Picks a model in the chat input's model picker by its label (ours: "<model> · <connection name>"), typing it into
 * the picker's search box. A model registered a moment ago may miss a picker that was built before it came: the
 * picker is closed and opened again until the entry shows (a hang guard bounds it).
 */
export async function pickChatModel(page: Page, label: string, timeoutMs = 30_000) {
  const row = page.locator(`.action-widget .monaco-list-row[aria-label^=${JSON.stringify(`${label},`)}]`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.locator('.interactive-input-part .model-picker-item .model-picker-name').click();
    await page.locator('.action-widget .action-list-filter-input').fill(label);
    const shown = await row
      .waitFor({ timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`the chat's model picker never offered ${JSON.stringify(label)}`);
  }
  await row.click();
  await page.locator('.interactive-input-part .model-picker-item .chat-input-picker-label', { hasText: label }).waitFor();
}

/** Types a request into the chat input and sends it with Enter. */
export async function sendChatRequest(page: Page, text: string) {
  // A hover left open by the model picker (the context-window meter's) would take the click.
  await page.mouse.move(700, 450);
  await page.locator('.context-view', { hasText: 'Context Window' }).waitFor({ state: 'hidden' });
  await chatInput(page).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.locator('.interactive-session .interactive-request', { hasText: text }).waitFor();
}

/** The newest response in the chat view. */
export function chatResponse(page: Page): Locator {
  return page.locator('.interactive-session .interactive-response.chat-most-recent-response');
}

/** A tree row's tooltip text, once it contains `text` (it is built on hover), with its spaces made plain. */
export async function rowTooltip(page: Page, name: string, text: string): Promise<string> {
  const hover = page.locator('.monaco-hover', { hasText: text });
  // A row redrawn under the pointer (the tree refreshes after a save) drops its hover: move away and back.
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(700, 500);
    await treeRow(page, name).locator('.label-name').hover();
    try {
      await hover.waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
  // The hover lays its text out with non-breaking spaces.
  const shown = (await hover.innerText()).replace(/\s+/g, ' ');
  await page.mouse.move(700, 500);
  return shown;
}
