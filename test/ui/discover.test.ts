// Onboarding in the real workbench: the empty view's Discover button finds an Ollama running on this machine
// (a fake one on Ollama's own port, which the UI host reaches like a real one), previews it, and creates it.
import * as assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startLocalServer, type StartedLocalServer } from '../servers';
import { contextMenu, openConnectionsView, pageText, openWorkbench, screenshot, statusItem, toast, treeRow, type Workbench } from './harness';

const OLLAMA_PORT = 11434;

const portInUse = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

describe('onboarding: discover connections from the welcome view', () => {
  let wb: Workbench | undefined;
  let ollama: StartedLocalServer | undefined;
  before(async function () {
    // A real Ollama (or another test's fake) on the port would be found instead: the test needs the port to itself.
    if (await portInUse(OLLAMA_PORT)) this.skip();
    ollama = await startLocalServer('ollama', { port: OLLAMA_PORT, models: ['qwen2.5-coder:7b', 'llama3.2:3b'] });
    // The workbench's extension host inherits this process's environment, as VS Code inherits a shell's.
    process.env.AIC_UI_ENV_KEY = 'fake-key-ui-environment';
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
    await ollama?.close();
  });

  it('Discover → preview → the connection in the tree', async () => {
    const { page } = wb!;
    await statusItem(page, 'No default connection').waitFor({ timeout: 90_000 });
    await openConnectionsView(page);
    await page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'Discover Connections' }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Discovered connections' }).waitFor({ timeout: 15_000 });
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Ollama' });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /qwen2\.5-coder:7b/, 'the preview names the model');
    assert.match(text, /2 models/);
    assert.match(text, /127\.0\.0\.1:11434/);
    await screenshot(page, 'discover-preview');
    await page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    await treeRow(page, 'Ollama').waitFor();
    assert.match((await treeRow(page, 'Ollama').getAttribute('aria-label')) ?? '', /Ollama, Ollama, qwen2\.5-coder:7b/);
    await toast(page, /Created 1: Ollama/).first().waitFor();
    assert.ok(ollama!.paths.includes('/api/tags'), 'the models came from the server');
  });

  it('Set API Key takes env:NAME: the key is then read from that variable, and the tree says so', async () => {
    const { page } = wb!;
    await contextMenu(page, treeRow(page, 'Ollama'), 'Set API Key');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    assert.match(await page.locator('.quick-input-widget').innerText(), /env:NAME/, 'the prompt says how');
    await input.fill('env:AIC_UI_ENV_KEY');
    // A variable name is not a secret: the box stops masking it.
    await page.locator('.quick-input-widget .quick-input-box input[type="text"]').waitFor({ timeout: 5_000 });
    await input.press('Enter');
    await page.locator('.part.sidebar .monaco-list-row[aria-label^="Ollama,"][aria-label*="API key from $AIC_UI_ENV_KEY"]').waitFor();
    await treeRow(page, 'Ollama').locator('.label-name').hover();
    await page.locator('.monaco-hover', { hasText: 'API key: from $AIC_UI_ENV_KEY' }).waitFor();
    await page.mouse.move(700, 500);
    assert.equal((await pageText(page)).includes('fake-key-ui-environment'), false, 'the value never reaches the page');
  });
});
