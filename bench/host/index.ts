// Bench figures measured inside the real VS Code extension host (code-server), loaded by
//   node scripts/integration.mjs --tests out/bench/host/index.js --label bench
// with this checkout (production bundle in dist/) as the development extension. Same run() contract as the
// integration suite; prints BENCH lines for scripts/bench.mjs and a RESULT line for integration.mjs.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingSurface } from '../../src/extension';
import { CommandId, EXTENSION_ID, StorageKey } from '../../src/ids';
import { startProviderServer } from '../../test/servers';
import { countTokens } from '../../src/chat/tokenCount';
import type { RichChatMessage } from '../../src/providers';
import { agentHistory } from '../agentRequest';
import { emit, emitError, round, sleep, summarize, timeSync } from '../stats';
import { withPatched } from '../../test/integration/support';

type ExtensionModule = { activate(context: vscode.ExtensionContext): unknown };
type ActivateResult = { testing?: TestingSurface } | undefined;

const ACTIVATION_SIZES = [0, 100, 1000];
const ACTIVATION_REPEATS = 25;
const TREE_SIZES = [1000, 10_000];
/** Per size: 10,000 connections take the host ~150 ms a pass; fewer repeats keep it responsive. */
const TREE_REPEATS: Record<number, number> = { 1000: 25, 10_000: 10 };

/** The stored document with `count` plausible connections (names unique, like the store requires). */
function benchConnections(count: number) {
  const providers = ['openai', 'anthropic', 'google', 'ollama', 'openrouter', 'mistral', 'groq', 'azure-openai'];
  const stamp = new Date(Date.UTC(2025, 0, 1)).toISOString();
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Bench connection ${i + 1}`,
    provider: providers[i % providers.length],
    model: `bench-model-${i % 37}`,
    createdAt: stamp,
    updatedAt: stamp,
  }));
}

/**
 * Stores exactly `count` connections the way the store keeps them (one globalState key each), removing any
 * other connection first. Writes run concurrently: a few thousand sequential round trips would dominate the run.
 */
async function seedConnections(state: vscode.Memento, count: number): Promise<void> {
  const keep = new Set(benchConnections(count).map((c) => StorageKey.connectionPrefix + c.id));
  const stale = state.keys().filter((k) => (k.startsWith(StorageKey.connectionPrefix) && !keep.has(k)) || k === StorageKey.connections || k === StorageKey.defaultConnection);
  await Promise.all([
    ...stale.map((k) => state.update(k, undefined)),
    ...benchConnections(count).map((c) => state.update(StorageKey.connectionPrefix + c.id, c)),
  ]);
}

/** The real context, but with its own subscriptions list (so each activation can be torn down alone). */
function isolatedContext(real: vscode.ExtensionContext): { context: vscode.ExtensionContext; subscriptions: { dispose(): unknown }[] } {
  const subscriptions: { dispose(): unknown }[] = [];
  // The host's context object is frozen, so a proxy over it could not answer a different `subscriptions`:
  // proxy an empty object and read everything else from the real context.
  const context = new Proxy({} as vscode.ExtensionContext, {
    get: (_target, property) => (property === 'subscriptions' ? subscriptions : Reflect.get(real, property, real)),
    has: (_target, property) => property in real,
  });
  return { context, subscriptions };
}

/**
 * The host keeps one logger per extension and channel name, shared by every `createOutputChannel(name,
 * {log: true})` of that name: disposing one activation's channel would close the next activation's too
 * ("Channel has been closed"). Log channels are therefore left open (a throw-away host).
 */
function isLogChannel(d: unknown): boolean {
  return typeof d === 'object' && d !== null && 'onDidChangeLogLevel' in d && 'appendLine' in d;
}

function disposeAll(list: { dispose(): unknown }[]): void {
  for (const d of list.splice(0).reverse()) {
    if (isLogChannel(d)) continue;
    try {
      d.dispose();
    } catch {
      /* already disposed */
    }
  }
}

async function runningExtension(): Promise<TestingSurface> {
  const ext = vscode.extensions.getExtension<ActivateResult>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const api = await ext.activate();
  if (!api?.testing) throw new Error('the extension did not expose its testing surface (not in test mode?)');
  return api.testing;
}

/**
 * activate() timings with 0 / 100 / 1,000 stored connections. The running instance's registrations are
 * disposed first (command and view ids must be free), then dist/extension.js is required afresh per size.
 * Leaves one activation running (its disposables on the real context) and returns its testing surface.
 */
async function activation(real: vscode.ExtensionContext): Promise<TestingSurface> {
  const load = createRequire(__filename);
  const main = join(real.extensionPath, 'dist', 'extension.js');
  disposeAll(real.subscriptions);
  await sleep(50);

  // activate() is synchronous today; should it become async, the figure is the time until it settles.
  const activateOnce = async (mod: ExtensionModule) => {
    const { context, subscriptions } = isolatedContext(real);
    const t0 = performance.now();
    const returned = mod.activate(context) as ActivateResult | Promise<ActivateResult>;
    const value = returned instanceof Promise ? await returned : returned;
    return { ms: performance.now() - t0, value, subscriptions };
  };

  let last: ExtensionModule | undefined;
  for (const size of ACTIVATION_SIZES) {
    try {
      await seedConnections(real.globalState, size);
      delete load.cache[main];
      const required = timeSync(() => load(main) as ExtensionModule);
      const mod = required.value;
      last = mod;
      const samples: number[] = [];
      let cold = 0;
      for (let i = 0; i <= ACTIVATION_REPEATS; i++) {
        const run = await activateOnce(mod);
        const count = run.value?.testing?.services.store.list().length;
        disposeAll(run.subscriptions);
        if (count !== size) throw new Error(`activation saw ${count} connections, expected ${size}`);
        if (i === 0) cold = run.ms;
        else samples.push(run.ms);
        // Let the activation's asynchronous tail (key index, orphan-key cleanup) finish outside the timing.
        await sleep(15);
      }
      emit({ id: `activation.${size}`, connections: size, requireMs: round(required.ms), cold: round(cold), ...summarize(samples) });
    } catch (error) {
      emitError(`activation.${size}`, error);
    }
  }

  // Leave a live activation behind for the figures that need services and registered commands.
  await seedConnections(real.globalState, 0);
  if (!last) {
    delete load.cache[main];
    last = load(main) as ExtensionModule;
  }
  const { value, subscriptions } = await activateOnce(last);
  real.subscriptions.push(...subscriptions);
  if (!value?.testing) throw new Error('the re-activated extension returned no testing surface');
  await value.testing.services.vault.ready();
  return value.testing;
}

/** getChildren + getTreeItem for every node, as the workbench asks for them when the view shows. */
async function tree(t: TestingSurface): Promise<void> {
  const { tree, store, vault } = t.services;
  await vault.ready();
  const pass = () => {
    const nodes = tree.getChildren();
    for (const node of nodes) tree.getTreeItem(node);
    return nodes.length;
  };
  for (const size of TREE_SIZES) {
    try {
      await seedConnections(t.context.globalState, size);
      // Re-reading storage: the store parses the document and its listeners (context key, chat models, the
      // view) run. Reported beside the tree figure; the passes below start from a parsed document.
      const refresh = timeSync(() => store.refresh());
      await sleep(size >= 10_000 ? 500 : 100);
      // The first pass after the change: what the view costs when it first renders the new list.
      const first = timeSync(pass);
      if (first.value !== size) throw new Error(`the tree showed ${first.value} nodes, expected ${size}`);
      const samples: number[] = [];
      for (let i = 0; i < (TREE_REPEATS[size] ?? 10); i++) {
        samples.push(timeSync(pass).ms);
        // Yield between passes, as the workbench would: the host also answers the renderer.
        await sleep(size >= 10_000 ? 50 : 5);
      }
      emit({ id: `tree.${size}`, connections: size, refreshMs: round(refresh.ms), cold: round(first.ms), ...summarize(samples) });
    } catch (error) {
      emitError(`tree.${size}`, error);
    }
  }
  await seedConnections(t.context.globalState, 0);
  store.refresh();
}

/** Two *List Models* runs on one connection: the second, inside the cache window, must send nothing. */
async function cachedModels(t: TestingSurface): Promise<void> {
  const key = 'bench-key-not-real-cache';
  const server = await startProviderServer({ dialect: 'openai', apiKey: key });
  const { store, vault } = t.services;
  try {
    const c = await store.create({ name: 'Bench cached models', provider: 'openai', apiUrl: server.baseUrl });
    await vault.set(c.id, key);
    const picks: number[] = [];
    const errors: string[] = [];
    const runs: { requests: number; ms: number }[] = [];
    await withPatched(
      'showQuickPick',
      async (items: unknown) => {
        picks.push((await items as unknown[]).length);
        return undefined;
      },
      () =>
        withPatched(
          'showErrorMessage',
          async (message: string) => {
            errors.push(message);
            return undefined;
          },
          async () => {
            for (let i = 0; i < 2; i++) {
              const before = server.requests.length;
              const t0 = performance.now();
              await vscode.commands.executeCommand(CommandId.listModels, c.id);
              runs.push({ requests: server.requests.length - before, ms: round(performance.now() - t0) });
            }
          },
        ),
    );
    if (errors.length) throw new Error(`List Models showed an error: ${errors[0]}`);
    if (picks.length !== 2 || picks.some((n) => n === 0)) throw new Error(`expected two model pickers with models, saw ${JSON.stringify(picks)}`);
    if (runs[0].requests < 1) throw new Error('the first List Models sent no request (nothing was measured)');
    emit({ id: 'cachedModels', first: runs[0], second: runs[1], models: picks[0] });
    await vault.delete(c.id);
    await store.delete(c.id);
  } catch (error) {
    emitError('cachedModels', error);
  } finally {
    await server.close();
  }
}

const TOKEN_COUNT_WARMUP = 3;
const TOKEN_COUNT_ROUNDS = 15;

/** The bench history as VS Code's chat hands it to a model: its message and part classes (system as a user turn). */
function vscodeHistory(messages: readonly RichChatMessage[]): vscode.LanguageModelChatMessage[] {
  return messages.map((m) => {
    const parts = (typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : m.content).map((p) => {
      switch (p.type) {
        case 'text':
        case 'thinking':
          return new vscode.LanguageModelTextPart(p.text);
        case 'image':
          return vscode.LanguageModelDataPart.image(p.data, p.mimeType);
        case 'toolCall':
          return new vscode.LanguageModelToolCallPart(p.id, p.name, p.input);
        case 'toolResult':
          return new vscode.LanguageModelToolResultPart(p.callId, [new vscode.LanguageModelTextPart(p.content)]);
      }
    });
    // The history is well formed: tool calls only in assistant turns, results only in user turns.
    return m.role === 'assistant'
      ? vscode.LanguageModelChatMessage.Assistant(parts as (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart | vscode.LanguageModelDataPart)[])
      : vscode.LanguageModelChatMessage.User(parts as (vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart | vscode.LanguageModelDataPart)[]);
  });
}

/**
 * Token counts over a 200-message agent history, as Copilot asks for them: every text part (a string) and every
 * whole message. `lm` is through the real `vscode.lm` model's countTokens (the workbench relays each call to our
 * provideTokenCount: what a user's chat gets), all calls of the history in flight at once as prompt rendering
 * issues them, and one after another (`lmSequential`); `direct` is the provider's countTokens alone.
 */
async function tokenCount(t: TestingSurface): Promise<void> {
  const key = 'bench-key-not-real-tokens';
  const server = await startProviderServer({ dialect: 'openai', apiKey: key, models: [{ id: 'gpt-4o' }] });
  const { store, vault } = t.services;
  let id: string | undefined;
  try {
    const c = await store.create({ name: 'Bench token count', provider: 'openai', model: 'gpt-4o', apiUrl: server.baseUrl });
    id = c.id;
    await vault.set(c.id, key);
    let model: vscode.LanguageModelChat | undefined;
    for (let i = 0; i < 100 && !model; i++) {
      model = (await vscode.lm.selectChatModels({ vendor: 'ai-connections' })).find((m) => m.id === c.id);
      if (!model) await sleep(50);
    }
    if (!model) throw new Error('the connection was not offered as a chat model');
    const history = vscodeHistory(agentHistory());
    const inputs: (string | vscode.LanguageModelChatMessage)[] = [];
    for (const message of history) {
      for (const part of message.content) if (part instanceof vscode.LanguageModelTextPart) inputs.push(part.value);
      inputs.push(message);
    }
    const lm = model;
    const contenders = {
      lm: async () => (await Promise.all(inputs.map((i) => lm.countTokens(i)))).reduce((a, b) => a + b, 0),
      lmSequential: async () => {
        let n = 0;
        for (const i of inputs) n += await lm.countTokens(i);
        return n;
      },
      direct: async () => {
        let n = 0;
        // The same values the provider computes (provideTokenCount returns countTokens of its input); the messages
        // here are the classes the extension host hands the provider, not copies relayed through the workbench.
        for (const i of inputs) n += countTokens(i as string | vscode.LanguageModelChatRequestMessage);
        return n;
      },
    };
    const names = Object.keys(contenders) as (keyof typeof contenders)[];
    const totals: Record<string, number> = {};
    // The first count of this history through vscode.lm, before anything of it was counted (no cached texts).
    const t0 = performance.now();
    await contenders.lm();
    const cold = performance.now() - t0;
    for (let i = 0; i < TOKEN_COUNT_WARMUP; i++) for (const name of names) totals[name] = await contenders[name]();
    if (totals['lm'] !== totals['direct']) throw new Error(`vscode.lm counted ${totals['lm']} tokens, the provider ${totals['direct']}`);
    const samples: Record<string, number[]> = { lm: [], lmSequential: [], direct: [] };
    for (let round = 0; round < TOKEN_COUNT_ROUNDS; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length] as keyof typeof contenders;
        const t0 = performance.now();
        await contenders[name]();
        samples[name]?.push(performance.now() - t0);
        await sleep(5);
      }
    }
    emit({
      id: 'tokenCount',
      messages: history.length,
      calls: inputs.length,
      tokens: totals['direct'],
      cold: round(cold),
      lm: summarize(samples['lm'] ?? []),
      lmSequential: summarize(samples['lmSequential'] ?? []),
      direct: summarize(samples['direct'] ?? []),
    });
  } catch (error) {
    emitError('tokenCount', error);
  } finally {
    if (id) {
      await vault.delete(id);
      await store.delete(id);
    }
    await server.close();
  }
}

export async function run(): Promise<void> {
  console.log('AIC-SUITE-START'); // scripts/integration.mjs prints the host's output from here on
  let failed = 0;
  try {
    const running = await runningExtension();
    const live = await activation(running.context);
    await tree(live);
    await cachedModels(live);
    await tokenCount(live);
  } catch (error) {
    failed++;
    emitError('host', error);
  }
  console.log(`RESULT ${JSON.stringify({ passed: failed ? 0 : 1, failed })}`);
  if (failed) throw new Error('bench: the host measurements did not complete');
}
