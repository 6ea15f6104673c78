// The form-open figure, in the UI tier's browser: the packaged .vsix installed in code-server, Chromium
// driving the workbench. Measures *New Connection* (the palette row clicked) until the form's first field
// (Name) is visible and editable, first time (the webview bundle loads cold) and repeated.
//   node out/bench/ui.js     (expects out/ai-connections.vsix: `node scripts/package.mjs`)
import type { Page } from 'playwright-core';
import { codeServerCli, ensureHost, ensureSystemPrereqs, startCodeServer } from '../scripts/lib/host.mjs';
import { launchBrowser } from '../scripts/lib/browser.mjs';
import { createProfile } from '../scripts/lib/profile.mjs';
import { VSIX, formFrame, statusItem } from '../test/ui/harness';
import { emit, emitError, round, sleep, summarize } from './stats';

const REPEATS = 5;
const NEW_CONNECTION = 'AI Connections: New Connection';
const CLOSE_ALL = 'View: Close All Editors';

/** Opens the palette on a command and returns a click that runs it (the click is the moment measured from). */
async function paletteRow(page: Page, title: string) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor();
  return row;
}

interface Phases {
  /** The webview's outer iframe exists (the panel was created). */
  iframe: number;
  /** The workbench marked the outer iframe ready (its inner document loaded). */
  ready: number;
  /** The Name field is visible and editable. */
  field: number;
}

async function openFormOnce(page: Page): Promise<Phases> {
  const row = await paletteRow(page, NEW_CONNECTION);
  const field = formFrame(page).locator('[data-field="name"] input');
  const t0 = performance.now();
  const at = async (wait: Promise<unknown>) => {
    await wait;
    return performance.now() - t0;
  };
  await row.click();
  const [iframe, ready] = await Promise.all([
    at(page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: 30_000 })),
    at(page.locator('iframe.webview.ready').first().waitFor({ state: 'attached', timeout: 30_000 })),
    field.waitFor({ state: 'visible', timeout: 30_000 }),
  ]);
  while (!(await field.isEditable())) {
    if (performance.now() - t0 > 30_000) throw new Error('the Name field never became editable');
    await sleep(5);
  }
  const phases = { iframe, ready, field: performance.now() - t0 };
  // Focusable, not only visible: the field takes focus.
  await field.focus();
  return phases;
}

async function closeEditors(page: Page): Promise<void> {
  await (await paletteRow(page, CLOSE_ALL)).click();
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
  await sleep(300);
}

async function main(): Promise<void> {
  ensureSystemPrereqs();
  ensureHost();
  const profile = createProfile('bench-ui');
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    codeServerCli(['--install-extension', VSIX, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir], {
      home: profile.home,
    });
    server = await startCodeServer({ userDataDir: profile.userDataDir, extensionsDir: profile.extensionsDir, home: profile.home });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}?folder=${encodeURIComponent(profile.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await statusItem(page, /No default connection/).waitFor({ timeout: 90_000 });
    // Let the workbench's own start-up work settle so it does not land inside the first measurement.
    await sleep(2000);
    const runs: Phases[] = [];
    for (let i = 0; i <= REPEATS; i++) {
      runs.push(await openFormOnce(page));
      await closeEditors(page);
    }
    const [first, ...warm] = runs;
    emit({
      id: 'formOpen',
      cold: round(first.field, 1),
      ...summarize(warm.map((r) => r.field)),
      coldPhases: { iframe: round(first.iframe, 1), ready: round(first.ready, 1), field: round(first.field, 1) },
      phases: {
        iframe: summarize(warm.map((r) => r.iframe)).median,
        ready: summarize(warm.map((r) => r.ready)).median,
        field: summarize(warm.map((r) => r.field)).median,
      },
    });
  } catch (error) {
    emitError('formOpen', error);
  } finally {
    await browser?.close().catch(() => {});
    server?.stop();
    profile.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
