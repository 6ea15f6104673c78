// VS Code's real chat agent, offline, driving our connections (issue 9, "UI tier, the real chat"): for each chat
// dialect a connection is made through our form, picked in the chat input's model picker, and sent a request; the
// local server's first reply asks for VS Code's own `read_file` tool on a file the test wrote into the workspace,
// VS Code runs it, the second request carries the file's text back in the dialect's tool-result shape, and the
// server's final answer shows in the chat panel.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startProviderServer, type ChatScript, type ServerDialect, type StartedProviderServer } from '../servers';
import {
  chatResponse,
  createConnectionViaForm,
  newChat,
  openChat,
  openWorkbench,
  pageText,
  pickChatModel,
  screenshot,
  sendChatRequest,
  setKeyViaMenu,
  statusItem,
  type Workbench,
} from './harness';

type Json = Record<string, unknown>;

/** A tool result as the request carries it back, whatever the dialect. */
interface ToolResult {
  /** The call id it answers (dialects without ids: undefined). */
  id?: string;
  /** The tool's name, where the dialect repeats it. */
  name?: string;
  /** The result's content, as text (JSON where the dialect nests it). */
  text: string;
}

interface DialectCase {
  /** Shown in test titles and the connection's name. */
  label: string;
  /** Our provider id (the form's dropdown value). */
  provider: string;
  dialect: ServerDialect;
  model: string;
  /** The call id the server gives its tool call (where the dialect has ids). */
  callId?: string;
  /** The tool names a request offers, in the dialect's shape. */
  toolNames(json: Json): string[];
  /** The tool results a request carries back, in the dialect's shape. */
  toolResults(json: Json): ToolResult[];
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

const CASES: DialectCase[] = [
  {
    label: 'OpenAI',
    provider: 'openai',
    dialect: 'openai',
    model: 'gpt-4o-mini',
    callId: 'call_chatui_1',
    toolNames: (json) => list(json['tools']).map((t) => String((t['function'] as Json | undefined)?.['name'])),
    toolResults: (json) =>
      list(json['messages'])
        .filter((m) => m['role'] === 'tool')
        .map((m) => ({ id: String(m['tool_call_id']), text: asText(m['content']) })),
  },
  {
    label: 'Anthropic',
    provider: 'anthropic',
    dialect: 'anthropic',
    model: 'claude-sonnet-4-5',
    callId: 'toolu_chatui_1',
    toolNames: (json) => list(json['tools']).map((t) => String(t['name'])),
    toolResults: (json) =>
      list(json['messages'])
        .flatMap((m) => list(m['content']))
        .filter((b) => b['type'] === 'tool_result')
        .map((b) => ({ id: String(b['tool_use_id']), text: asText(b['content']) })),
  },
  {
    label: 'Gemini',
    provider: 'google',
    dialect: 'gemini',
    model: 'gemini-2.5-flash',
    toolNames: (json) =>
      list(json['tools'])
        .flatMap((t) => list(t['functionDeclarations']))
        .map((f) => String(f['name'])),
    toolResults: (json) =>
      list(json['contents'])
        .flatMap((c) => list(c['parts']))
        .map((p) => p['functionResponse'] as Json | undefined)
        .filter((r): r is Json => !!r)
        .map((r) => ({ name: String(r['name']), text: asText(r['response']) })),
  },
];

const SCREENSHOT = resolve('docs/chat-screenshot.png');

/** The README's picture: a wider chat panel with its steps open (the tool run) beside the Connections view. */
async function readmeScreenshot(page: Page, fileName: string) {
  const response = chatResponse(page);
  // The chat's "Set BYOK utility models" notice (no utility model in the test profile) is dismissed, as a user would.
  const notice = page.locator('.chat-input-notification-widget', { hasText: 'Set BYOK utility models' });
  if (await notice.isVisible()) {
    await notice.locator('.chat-input-notification-dismiss').click();
    await notice.waitFor({ state: 'hidden' });
  }
  const panel = page.locator('.part.auxiliarybar');
  const before = (await panel.boundingBox())!;
  const sashX = before.x - 1;
  await page.mouse.move(sashX, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(sashX - 260, before.y + before.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((w) => (document.querySelector('.part.auxiliarybar') as HTMLElement).offsetWidth > w + 200, before.width);
  await response.locator('summary.completed-response-summary').click();
  await response.locator('.chat-tool-invocation-part', { hasText: `Read ${fileName}` }).waitFor();
  await page.mouse.move(700, 450);
  await page.screenshot({ path: SCREENSHOT });
}

describe('journey: the real chat agent runs a workspace tool through each dialect', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ session: 'chat' });
    await statusItem(wb.page, 'No default connection').waitFor({ timeout: 90_000 });
    await openChat(wb.page);
  });
  after(async () => wb?.close());

  for (const c of CASES) {
    describe(`${c.label} (${c.dialect} wire)`, () => {
      const key = `fake-key-ui-agent-${c.dialect}-0009`;
      const name = `Agent ${c.label}`;
      const modelLabel = `${c.model} · ${name}`;
      const fileName = `note-${c.dialect}.txt`;
      // Only the tool can bring this text to the server: the request names the file, never its content.
      const content = `The ${c.label} note says ${randomBytes(6).toString('hex')}.`;
      const finalAnswer = `${c.label} read the note through VS Code's tool.`;
      let server: StartedProviderServer;
      let filePath: string;

      before(async () => {
        filePath = join(wb.workspace, fileName);
        writeFileSync(filePath, `${content}\n`);
        // The agent's own requests carry its tools: the first asks for read_file, the one with its result gets the
        // answer. Anything else (none is expected with no utility model) gets a short text.
        const chat = (json: Json): ChatScript => {
          if (!c.toolNames(json).includes('read_file')) return { deltas: ['(no tools offered)'] };
          if (c.toolResults(json).length) return { deltas: finalAnswer.split(/(?<= )/) };
          return { deltas: [], toolCalls: [{ id: c.callId, name: 'read_file', arguments: { filePath, startLine: 1, endLine: 20 } }] };
        };
        server = await startProviderServer({ dialect: c.dialect, apiKey: key, models: [{ id: c.model }], chat });
      });
      after(async () => server?.close());

      it('is made through the form and picked in the chat model picker', async () => {
        const { page } = wb;
        await createConnectionViaForm(page, { name, provider: c.provider, model: c.model, apiUrl: server.baseUrl });
        await setKeyViaMenu(page, name, key);
        await newChat(page);
        await pickChatModel(page, modelLabel);
      });

      it('asks for read_file, VS Code runs it, the result goes back and the answer shows in the chat', async () => {
        const { page } = wb;
        const first = server.chatStream(server.chatStreams.length);
        await sendChatRequest(page, `What does ${fileName} in my workspace say?`);

        // What VS Code sent first: its tools, in the dialect's shape, and no result yet.
        const ask = (await first).json;
        const tools = c.toolNames(ask);
        assert.ok(tools.includes('read_file') && tools.includes('list_dir'), `the agent's tools did not reach the server: [${tools.join(', ')}]`);
        assert.deepEqual(c.toolResults(ask), [], 'the first request already carries a tool result');

        const response = chatResponse(page);
        await response.locator('.chat-markdown-part', { hasText: finalAnswer }).waitFor({ timeout: 120_000 });
        // The footer names the model that answered once the response is complete; the steps list the tool run.
        await response.locator('.chat-response-model-details', { hasText: modelLabel }).waitFor();
        await response.locator('.chat-tool-invocation-part', { hasText: `Read ${fileName}` }).waitFor({ state: 'attached' });

        // The tool's result went back for our call, carrying the file's text (which only the tool could read).
        const withResult = server.chatStreams.map((s) => s.json).filter((j) => c.toolResults(j).length > 0);
        assert.equal(withResult.length, 1, 'one request carries the tool result');
        const results = c.toolResults(withResult[0]!);
        assert.equal(results.length, 1, 'one tool result');
        const [result] = results as [ToolResult];
        assert.ok(result.text.includes(content), `the tool result does not carry the file's text: ${result.text.slice(0, 300)}`);
        if (c.callId) assert.equal(result.id, c.callId, 'the result answers the call the server made');
        else assert.equal(result.name, 'read_file', 'the result names the tool that was called');
        assert.equal((await pageText(page)).includes(key), false, 'the key appears in the page');

        await screenshot(page, `agent-chat-${c.dialect}`);
        if (c.dialect === 'openai') await readmeScreenshot(page, fileName);
      });
    });
  }
});
