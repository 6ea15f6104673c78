// The first-run walkthrough (contributes.walkthroughs) opens from Welcome: Open Walkthrough… in the real
// workbench, with its four steps, the Discover / Import / Sign in buttons, and the step's markdown.
import * as assert from 'node:assert/strict';
import { openWorkbench, runCommand, screenshot, statusItem, type Workbench } from './harness';

describe('walkthrough', () => {
  let wb: Workbench;
  before(async () => (wb = await openWorkbench()));
  after(async () => wb?.close());

  it('opens from Welcome: Open Walkthrough… with its steps and buttons', async () => {
    const { page } = wb;
    await statusItem(page, 'No default connection').waitFor({ timeout: 90_000 });
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with AI Connections' }).first().click();
    const container = page.locator('.gettingStartedContainer');
    await container.locator('h2', { hasText: 'Get started with AI Connections' }).first().waitFor({ timeout: 30_000 });
    for (const step of ['Discover, import or sign in', 'Set an API key', 'Test the connection', 'Use it in chat']) {
      await container.locator('.getting-started-step', { hasText: step }).first().waitFor();
    }
    // The first step is open: its buttons, and its markdown beside it (rendered in a webview).
    const first = container.locator('.getting-started-step.expanded');
    for (const button of ['Discover Connections', 'Import from File', 'Sign in with OpenRouter']) {
      assert.equal(await first.locator('.monaco-button', { hasText: button }).count(), 1, button);
    }
    const markdown = page.frameLocator('.gettingStartedContainer iframe.webview').frameLocator('#active-frame');
    await markdown.locator('h1', { hasText: 'Bring your connections' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'walkthrough');
  });
});
