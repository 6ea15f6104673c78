// Test Connection and List Models clicked in the real workbench, against a local server that speaks
// OpenAI's wire format (paths, Bearer auth, error bodies).
import * as assert from 'node:assert/strict';
import { startProviderServer, type StartedProviderServer } from '../servers';
import {
  createConnectionViaForm,
  dismiss,
  inlineAction,
  openWorkbench,
  pageText,
  screenshot,
  setKeyViaMenu,
  statusItem,
  toast,
  treeRow,
  type Workbench,
} from './harness';

const KEY = 'sk-test-ui-not-a-real-key-0001';

describe('journey: test a connection and pick a model', () => {
  let wb: Workbench;
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({
      dialect: 'openai',
      apiKey: KEY,
      models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }, { id: 'o3-mini' }, { id: 'text-embedding-3-small' }],
    });
    wb = await openWorkbench();
    await statusItem(wb.page, 'No default connection').waitFor({ timeout: 90_000 });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('names the problem when the key is wrong, then passes with the right key', async () => {
    const { page } = wb;
    await createConnectionViaForm(page, { name: 'Local OpenAI', model: 'gpt-4o', apiUrl: server.baseUrl });
    await setKeyViaMenu(page, 'Local OpenAI', 'sk-wrong-key-for-ui-test-0002');
    await inlineAction(treeRow(page, 'Local OpenAI'), 'Test Connection');
    const failure = toast(page, /Local OpenAI:.*key/i);
    await failure.waitFor({ timeout: 30_000 });
    assert.ok(await failure.locator('.monaco-button', { hasText: 'Set API Key' }).count(), 'offers Set API Key');
    assert.equal((await pageText(page)).includes('sk-wrong-key-for-ui-test-0002'), false);
    await dismiss(failure);

    await setKeyViaMenu(page, 'Local OpenAI', KEY, 'Update API Key');
    await inlineAction(treeRow(page, 'Local OpenAI'), 'Test Connection');
    await toast(page, /Local OpenAI: Connection works \(\d+ ms, 4 models available\)/).waitFor({ timeout: 30_000 });
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Local OpenAI' }).locator('.codicon-pass').waitFor();
    const authorized = server.requests.filter((r) => r.headers.authorization === `Bearer ${KEY}`);
    assert.ok(authorized.length >= 1, 'the server saw the stored key as a Bearer token');
  });

  it('lists every model in a searchable pick and sets the one picked', async () => {
    const { page } = wb;
    await inlineAction(treeRow(page, 'Local OpenAI'), 'List Models');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    assert.equal(await page.locator('.quick-input-widget .monaco-list-row').count(), 4);
    await input.fill('o3');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'o3-mini' }).click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'o3-mini' }).waitFor();
    assert.equal((await pageText(page)).includes(KEY), false);
    await screenshot(page, 'models-picked');
  });
});
