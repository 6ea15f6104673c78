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

function session(): Promise<Session> {
  if (!g[SESSION]) {
    g[SESSION] = startSession();
    after(async () => (await g[SESSION])?.stop());
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
  await page.goto(`${s.url}?folder=${encodeURIComponent(s.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return { page, context, close: () => context.close() };
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
  await item.first().click();
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
