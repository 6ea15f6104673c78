// *Send Prompt…* in the real workbench: pick a connection, type a prompt, watch the reply stream into a new
// editor from a local server that speaks OpenAI's streaming wire format; cancel from the status bar.
import * as assert from 'node:assert/strict';
import { startProviderServer, type StartedProviderServer } from '../servers';
import {
  answerInputBox,
  createConnectionViaForm,
  openWorkbench,
  pageText,
  pickQuickItem,
  runCommand,
  screenshot,
  setKeyViaMenu,
  statusItem,
  toast,
  waitForEditorText,
  type Workbench,
} from './harness';

const KEY = 'fake-key-ui-send-prompt-0003';
const NAME = 'Prompt Server';
const DELTAS = ['Hello', ' from', ' the', ' local', ' server', ',', ' streamed', ' into', ' an', ' editor', '.'];
const REPLY = DELTAS.join('');

describe('journey: send a prompt', () => {
  let wb: Workbench;
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({
      dialect: 'openai',
      apiKey: KEY,
      models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }],
      chat: { deltas: DELTAS, intervalMs: 150 },
    });
    wb = await openWorkbench();
    await statusItem(wb.page, 'No default connection').waitFor({ timeout: 90_000 });
    await createConnectionViaForm(wb.page, { name: NAME, model: 'gpt-4o-mini', apiUrl: server.baseUrl });
    await setKeyViaMenu(wb.page, NAME, KEY);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('streams the reply into a new Markdown editor with a status-bar spinner', async () => {
    const { page } = wb;
    const stream = server.chatStream(server.chatStreams.length);
    await runCommand(page, 'AI Connections: Send Prompt…');
    await pickQuickItem(page, 'Send Prompt: Connection', NAME);
    await answerInputBox(page, `Send Prompt to ${NAME}`, 'Say hello to the editor');

    const spinner = statusItem(page, `Generating with ${NAME}`);
    await spinner.waitFor();
    await waitForEditorText(page, (t) => t.includes(REPLY), 'the streamed reply never appeared in an editor');
    await spinner.waitFor({ state: 'detached' });
    await page.locator('.statusbar-item', { hasText: /^Markdown$/ }).waitFor();
    await screenshot(page, 'send-prompt');

    const { json, request } = await stream;
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(json.model, 'gpt-4o-mini');
    assert.deepEqual(json.messages, [{ role: 'user', content: 'Say hello to the editor' }]);
    assert.equal((await pageText(page)).includes(KEY), false, 'the key appears in the page');
  });

  it('cancels a slow generation from the status-bar item and closes the request', async () => {
    const { page } = wb;
    const slow = Array.from({ length: 60 }, (_, i) => ` tick${i}`);
    server.setChat({ deltas: slow, intervalMs: 1000 });
    const stream = server.chatStream(server.chatStreams.length);
    await runCommand(page, 'AI Connections: Send Prompt…');
    await pickQuickItem(page, 'Send Prompt: Connection', NAME);
    await answerInputBox(page, `Send Prompt to ${NAME}`, 'Count slowly');

    const spinner = statusItem(page, `Generating with ${NAME}`);
    await spinner.waitFor();
    // Cancel once the reply has started arriving, so the request is mid-stream.
    await waitForEditorText(page, (t) => t.includes('tick0'), 'the slow reply never started');
    await spinner.click();
    const record = await stream;
    const closed = await Promise.race([record.clientClosed.then(() => true), page.waitForTimeout(20_000).then(() => false)]);
    assert.ok(closed, 'the server did not see the request closed after Cancel was clicked');
    assert.equal(record.outcome, 'clientClosed');
    assert.ok(record.deltasSent < slow.length);
    await spinner.waitFor({ state: 'detached' });
    await toast(page, 'Generation cancelled.').waitFor();
    const text = await waitForEditorText(page, (t) => t.includes('tick0'), 'the partial reply was not kept');
    assert.ok(!text.includes(slow[slow.length - 1].trim()), 'the whole reply arrived despite the cancel');
    await screenshot(page, 'send-prompt-cancelled');
  });
});
