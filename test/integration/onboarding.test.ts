// Discover, import, export and keys from the environment, through the real commands, storage and SecretStorage
// of a running extension host. QuickPicks and dialogs are answered with withPatched.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImportOutcome } from '../../src/flows/importPreview';
import { SECRET_KEY_PREFIX } from '../../src/ids';
import { startLocalServer, startProviderServer, type LocalServerFlavour, type StartedLocalServer } from '../servers';
import { extension, resetState, withPatched } from './support';

type PickItem = vscode.QuickPickItem & { candidate?: unknown };

/** Answers the next multi-select preview with the items `keep` accepts; records what it offered, and when. */
function answerPreview(offered: PickItem[][], keep: (item: PickItem) => boolean = () => true, shownAt: number[] = []) {
  return (async (items: readonly PickItem[] | Thenable<readonly PickItem[]>, options?: vscode.QuickPickOptions) => {
    const list = [...(await items)];
    shownAt.push(Date.now());
    offered.push(list);
    assert.equal(options?.canPickMany, true, 'the preview is a multi-select');
    return list.filter(keep);
  }) as never;
}

const quietly = <R>(body: () => Promise<R>) =>
  withPatched('showInformationMessage', (async () => undefined) as never, () => withPatched('showWarningMessage', (async () => undefined) as never, body));

const portInUse = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

const DEFAULT_PORTS: [LocalServerFlavour, number][] = [
  ['ollama', 11434],
  ['lmstudio', 1234],
  ['llamacpp', 8080],
  ['vllm', 8000],
  ['koboldcpp', 5001],
  ['textgen-webui', 5000],
  ['gpt4all', 4891],
  ['jan', 1337],
];

describe('onboarding: discover, import, export', () => {
  beforeEach(resetState);

  it('Discover finds the key variable set for the host and the local servers started here, in well under 2 s', async function () {
    // A port something else holds (a real server, another run's host going down) is left alone, and what it
    // answers is not this test's business.
    const free = [];
    const busy: number[] = [];
    for (const [flavour, port] of DEFAULT_PORTS) if (await portInUse(port)) busy.push(port);
    else free.push({ flavour, port });
    if (free.length < 3) this.skip();
    const servers: StartedLocalServer[] = await Promise.all(free.map(({ flavour, port }) => startLocalServer(flavour, { port })));
    try {
      const offered: PickItem[][] = [];
      const shownAt: number[] = [];
      const t0 = Date.now();
      const outcome = await quietly(() =>
        withPatched('showQuickPick', answerPreview(offered, undefined, shownAt), async () => (await vscode.commands.executeCommand('aiConnections.discoverConnections')) as ImportOutcome),
      );
      const elapsed = (shownAt[0] ?? Infinity) - t0;
      assert.ok(elapsed < 2000, `the preview came ${elapsed} ms after Discover`);
      const names = offered[0]?.map((i) => i.label) ?? [];
      assert.ok(names.includes('Groq'), `the host's GROQ_API_KEY was found: ${names.join(', ')}`);
      const expected: Record<string, string> = { ollama: 'Ollama', lmstudio: 'LM Studio', llamacpp: 'llama.cpp server', vllm: 'vLLM', koboldcpp: 'KoboldCpp', 'textgen-webui': 'text-generation-webui', gpt4all: 'GPT4All', jan: 'Jan' };
      for (const s of servers) assert.ok(names.includes(expected[s.flavour]!), `${s.flavour} on ${s.port} was found: ${names.join(', ')}`);

      const { store, vault } = (await extension()).services;
      assert.equal(outcome.created.length, names.length, 'everything kept was created');
      const groq = store.findByName('Groq');
      assert.equal(groq?.provider, 'groq');
      assert.equal(groq?.apiKeyEnv, 'GROQ_API_KEY');
      assert.equal(await vault.hasKey(groq!.id), false, 'the value is not copied into SecretStorage');
      const ollama = servers.find((s) => s.flavour === 'ollama');
      if (ollama) {
        const c = store.findByName('Ollama');
        assert.equal(c?.provider, 'ollama');
        assert.equal(c?.apiUrl, `http://127.0.0.1:${ollama.port}`);
        assert.equal(c?.model, 'ollama-model-a');
      }
      const state = (await extension()).context.globalState;
      // Every globalState entry (one per connection since the per-connection store).
      const raw = JSON.stringify(state.keys().map((k) => state.get(k)));
      assert.ok(!raw.includes('fake-key-from-the-host-environment'), 'no key value in globalState');

      // Again: what is there already is not offered twice.
      const storedBefore = store.list().map((c) => c.name).join(',');
      const again: PickItem[][] = [];
      await quietly(() => withPatched('showQuickPick', answerPreview(again), async () => vscode.commands.executeCommand('aiConnections.discoverConnections')));
      const offeredAgain = (again[0] ?? []).filter((i) => !busy.some((port) => i.detail?.includes(`127.0.0.1:${port}`)));
      assert.equal(offeredAgain.length, 0, `no preview: everything found exists already, but offered ${offeredAgain.map((i) => `${i.label} ${i.description} ${i.detail}`).join(' | ')}; before: ${storedBefore}; stored: ${JSON.stringify(store.list().map((c) => [c.name, c.provider, c.apiUrl, c.apiKeyEnv]))}`);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });

  it('Discover finds nothing where nothing runs and no key variable is set', async () => {
    const saved = { ...process.env };
    const busy = [];
    for (const [, port] of DEFAULT_PORTS) if (await portInUse(port)) busy.push(port);
    for (const name of Object.keys(process.env)) if (/_API_KEY$|^CO_API_KEY$|_AUTH_TOKEN$/.test(name)) delete process.env[name];
    try {
      const offered: PickItem[][] = [];
      const messages: string[] = [];
      const t0 = Date.now();
      await withPatched('showInformationMessage', (async (m: string) => void messages.push(m)) as never, () =>
        withPatched('showQuickPick', answerPreview(offered), async () => vscode.commands.executeCommand('aiConnections.discoverConnections')),
      );
      assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
      if (busy.length === 0) {
        assert.equal(offered.length, 0, 'no preview');
        assert.match(messages.join(' '), /No connections found/);
      }
      assert.equal((await extension()).services.store.list().length, 0);
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it('Import creates exactly the previewed connections the user keeps, keys in SecretStorage only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aic-import-'));
    const file = join(dir, 'roo-code-settings.json');
    writeFileSync(file, JSON.stringify({
      providerProfiles: {
        currentApiConfigName: 'work',
        apiConfigs: {
          work: { id: 'a1', apiProvider: 'openai', openAiBaseUrl: 'http://127.0.0.1:9/v1', openAiApiKey: 'fake-key-roo-work', openAiModelId: 'qwen3-coder' },
          claude: { id: 'b2', apiProvider: 'anthropic', apiKey: 'fake-key-roo-claude', apiModelId: 'claude-sonnet-4-5' },
          left: { id: 'c3', apiProvider: 'mistral', mistralApiKey: 'fake-key-roo-left', apiModelId: 'mistral-large-latest' },
        },
      },
      globalSettings: {},
    }));
    const t = await extension();
    const { store, vault } = t.services;
    await store.create({ name: 'claude', provider: 'openai' });
    const offered: PickItem[][] = [];
    const logged: string[] = [];
    const log = t.services.log;
    const methods = ['trace', 'debug', 'info', 'warn', 'error'] as const;
    const originals = methods.map((m) => [m, log[m]] as const);
    for (const m of methods) (log as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    let outcome: ImportOutcome;
    try {
      outcome = await quietly(() =>
        withPatched('showQuickPick', answerPreview(offered, (i) => i.label !== 'left'), async () =>
          (await vscode.commands.executeCommand('aiConnections.importConnections', vscode.Uri.file(file))) as ImportOutcome,
        ),
      );
    } finally {
      for (const [m, fn] of originals) (log as unknown as Record<string, unknown>)[m] = fn;
    }
    assert.ok(logged.some((l) => /imported connection/.test(l)), 'the import was logged');
    assert.ok(!logged.join('\n').includes('fake-key-roo'), 'no key in the log');
    assert.ok(!JSON.stringify(offered).includes('fake-key-roo'), 'no key in the preview');
    const labels = offered[0]?.map((i) => i.label);
    assert.deepEqual(labels?.slice().sort(), ['claude (2)', 'left', 'work'], 'a clashing name gets a suffix in the preview');
    assert.ok(offered[0]?.every((i) => /key included/.test(i.detail ?? '')), 'the preview says a key comes with each');
    assert.equal(outcome.leftOut, 1);
    assert.deepEqual(outcome.created.map((c) => c.name).sort(), ['claude (2)', 'work']);
    assert.equal(store.list().length, 3, 'exactly the kept ones, nothing else');
    const work = store.findByName('work')!;
    assert.equal(work.model, 'qwen3-coder');
    assert.equal(await vault.get(work.id), 'fake-key-roo-work');
    assert.equal(await vault.get(store.findByName('claude (2)')!.id), 'fake-key-roo-claude');
    assert.equal(store.findByName('left'), undefined);
    const secrets = (await t.context.secrets.keys()).filter((k) => k.startsWith(SECRET_KEY_PREFIX));
    assert.equal(secrets.length, 2);
    assert.ok(!JSON.stringify(t.context.globalState.keys().map((k) => t.context.globalState.get(k))).includes('fake-key-roo'), 'no key in globalState');
  });

  it('Import shows a malformed file with file:line:col and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aic-import-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'models:\n  - name: x\n    provider: [unclosed\n');
    const errors: string[] = [];
    await withPatched('showErrorMessage', (async (m: string) => void errors.push(m)) as never, async () =>
      vscode.commands.executeCommand('aiConnections.importConnections', vscode.Uri.file(file)),
    );
    assert.equal(errors.length, 1);
    assert.ok(errors[0]!.includes(`${file}:`), errors[0]);
    assert.match(errors[0]!, /:\d+:\d+/);
    assert.equal((await extension()).services.store.list().length, 0);
  });

  it('export → delete all → import restores every field; the file holds no key or header value', async () => {
    const t = await extension();
    const { store, vault } = t.services;
    const a = await store.create({ name: 'Work proxy', provider: 'custom', apiUrl: 'http://127.0.0.1:9/v1', model: 'm-1', presetName: 'Precise', headers: { 'X-Team': 'fake-header-value' }, timeoutSeconds: 42, capabilities: { toolCalling: true, contextWindow: 64000 } });
    await vault.set(a.id, 'fake-key-export-a');
    await store.create({ name: 'From env', provider: 'openai', apiKeyEnv: 'OPENAI_API_KEY', model: 'gpt-4o' });
    const before = store.list().map(({ id: _i, createdAt: _c, updatedAt: _u, headerNames, ...rest }) => ({ ...rest, headerNames: headerNames ?? [] }));
    const file = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'aic-export-')), 'ai-connections.json'));
    await quietly(async () => vscode.commands.executeCommand('aiConnections.exportConnections', file));
    const text = readFileSync(file.fsPath, 'utf8');
    assert.ok(!text.includes('fake-key-export-a') && !text.includes('fake-header-value'), 'no key or header value in the export');
    assert.match(text, /X-Team/);

    for (const c of store.list()) await store.delete(c.id);
    assert.equal(store.list().length, 0);

    await quietly(() => withPatched('showQuickPick', answerPreview([]), async () => vscode.commands.executeCommand('aiConnections.importConnections', file)));
    const after = store.list().map(({ id: _i, createdAt: _c, updatedAt: _u, headers, headerNames, ...rest }) => ({ ...rest, headerNames: [...Object.keys(headers ?? {}), ...((headerNames as string[] | undefined) ?? [])] }));
    assert.deepEqual(after, before);
  });

  it('a connection reading its key from a variable sends the variable\'s value at request time; a missing one is missing_key naming it', async () => {
    const server = await startProviderServer({ dialect: 'openai', apiKey: 'fake-key-env-now', models: [{ id: 'gpt-4o' }] });
    const saved = process.env.AIC_TEST_ROTATING_KEY;
    try {
      const { store, results } = (await extension()).services;
      const c = await store.create({ name: 'Env key', provider: 'openai', apiUrl: server.baseUrl, model: 'gpt-4o', apiKeyEnv: 'AIC_TEST_ROTATING_KEY' });
      process.env.AIC_TEST_ROTATING_KEY = 'fake-key-env-now';
      await quietly(async () => vscode.commands.executeCommand('aiConnections.testConnection', c.id));
      assert.ok(server.requests.some((r) => r.headers.authorization === 'Bearer fake-key-env-now'));
      assert.equal(results.get(c.id)?.ok, true);
      delete process.env.AIC_TEST_ROTATING_KEY;
      const shown: string[] = [];
      const record = (async (m: string) => void shown.push(m)) as never;
      await withPatched('showErrorMessage', record, () => withPatched('showWarningMessage', record, () => withPatched('showInformationMessage', record, async () => vscode.commands.executeCommand('aiConnections.testConnection', c.id))));
      assert.match(results.get(c.id)?.message ?? '', /AIC_TEST_ROTATING_KEY/);
      assert.equal(results.get(c.id)?.ok, false);
    } finally {
      if (saved === undefined) delete process.env.AIC_TEST_ROTATING_KEY;
      else process.env.AIC_TEST_ROTATING_KEY = saved;
      await server.close();
    }
  });
});
