import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { discoverLocalServers, localServerConnection, ollamaHostPort, type LocalServerKind } from '../../../src/importers';
import { getProvider } from '../../../src/providers';
import { startLocalServer, unusedPort, type LocalServerFlavour, type StartedLocalServer } from '../../servers';

const started: StartedLocalServer[] = [];
async function start(flavour: LocalServerFlavour, models?: string[]) {
  const s = await startLocalServer(flavour, models ? { models } : {});
  started.push(s);
  return s;
}

const discover = (ports: number[], mstyPorts: number[] = []) => discoverLocalServers({ fetch: (url, init) => fetch(url, init), ports, mstyPorts });

describe('local server discovery', () => {
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });

  const cases: [LocalServerFlavour, LocalServerKind, string, string][] = [
    ['ollama', 'ollama', 'ollama', ''],
    ['lmstudio', 'lmstudio', 'lmstudio', '/v1'],
    ['llamacpp', 'llamacpp', 'llamacpp', '/v1'],
    ['vllm', 'vllm', 'vllm', '/v1'],
    ['localai', 'localai', 'custom', '/v1'],
    ['jan', 'jan', 'custom', '/v1'],
    ['koboldcpp', 'koboldcpp', 'custom', '/v1'],
    ['textgen-webui', 'textgen-webui', 'custom', '/v1'],
    ['gpt4all', 'gpt4all', 'custom', '/v1'],
  ];
  for (const [flavour, kind, provider, path] of cases) {
    it(`identifies ${flavour} by what it answers, on any port, with its models`, async () => {
      const s = await start(flavour);
      const finds = await discover([s.port]);
      assert.equal(finds.length, 1, JSON.stringify(finds));
      const [f] = finds;
      assert.equal(f?.kind, kind);
      assert.equal(f?.provider, provider);
      assert.ok(getProvider(f?.provider ?? ''), 'a catalogue id');
      assert.equal(f?.apiUrl, `http://127.0.0.1:${s.port}${path}`);
      if (kind === 'jan') {
        assert.deepEqual(f?.models, [], 'Jan lists models only with its key');
        assert.equal(f?.needsKey, true);
      } else if (kind === 'koboldcpp' || kind === 'textgen-webui') {
        assert.deepEqual(f?.models, [`${flavour}-model-a`], 'the loaded model');
      } else if (kind === 'lmstudio') {
        assert.deepEqual(f?.models, ['lmstudio-model-b', 'lmstudio-model-a'], 'loaded first, no embedding models');
      } else {
        assert.deepEqual(f?.models, [`${flavour}-model-a`, `${flavour}-model-b`]);
      }
      const c = localServerConnection(f!);
      assert.equal(c.provider, provider);
      assert.equal(c.apiUrl, f?.apiUrl);
      assert.equal(c.model, f?.models[0]);
      assert.equal(c.apiKey, undefined);
    });
  }

  it('calls an Ollama-shaped server on Msty\'s port Msty', async () => {
    const s = await start('ollama');
    const [f] = await discover([s.port], [s.port]);
    assert.equal(f?.kind, 'msty');
    assert.equal(f?.label, 'Msty');
    assert.equal(f?.provider, 'ollama');
  });

  it('is not fooled by look-alikes: TabbyAPI, a web site, a raw TCP listener', async () => {
    const tabby = await start('tabbyapi');
    const site = await start('website');
    const raw = createServer((socket) => socket.end('hello\r\n', () => socket.destroy()));
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', () => r()));
    try {
      const rawPort = (raw.address() as { port: number }).port;
      const t0 = Date.now();
      assert.deepEqual(await discover([tabby.port, site.port, rawPort]), []);
      assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    } finally {
      await new Promise<void>((r) => raw.close(() => r()));
    }
  });

  it('finds several at once, in parallel, and nothing where nothing listens — well within 2 s', async () => {
    const servers = await Promise.all((['ollama', 'lmstudio', 'vllm', 'llamacpp', 'gpt4all'] as const).map((f) => start(f)));
    const empty = await Promise.all([unusedPort(), unusedPort(), unusedPort()]);
    const t0 = Date.now();
    const finds = await discover([...empty, ...servers.map((s) => s.port)]);
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(finds.map((f) => f.kind).sort(), ['gpt4all', 'llamacpp', 'lmstudio', 'ollama', 'vllm']);
    const t1 = Date.now();
    assert.deepEqual(await discover(empty), []);
    assert.ok(Date.now() - t1 < 2000);
  });

  it('gives up on a server that never answers within its deadline', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as { port: number }).port;
      const t0 = Date.now();
      assert.deepEqual(await discoverLocalServers({ fetch: (u, i) => fetch(u, i), ports: [port], timeoutMs: 300 }), []);
      assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
    } finally {
      silent.close();
    }
  });

  it('asks only 127.0.0.1 and follows no redirect', async () => {
    const urls: string[] = [];
    const redirects: string[] = [];
    await discoverLocalServers({
      fetch: (url, init) => {
        urls.push(url);
        redirects.push(init.redirect);
        return Promise.reject(new Error('refused'));
      },
      ports: [11434, 1234],
    });
    assert.ok(urls.length > 0);
    assert.ok(urls.every((u) => u.startsWith('http://127.0.0.1:')), urls.join(' '));
    assert.ok(redirects.every((r) => r === 'manual'));
  });

  it('reads a local port from OLLAMA_HOST', () => {
    assert.equal(ollamaHostPort('0.0.0.0:11500'), 11500);
    assert.equal(ollamaHostPort('http://127.0.0.1:11434'), 11434);
    assert.equal(ollamaHostPort('localhost:7000/'), 7000);
    assert.equal(ollamaHostPort('remote.example:11434'), undefined);
    assert.equal(ollamaHostPort(undefined), undefined);
  });
});

describe('loopbackFetch (the extension\'s discovery fetch)', () => {
  it('identifies servers like the global fetch does, and asks nothing but http://127.0.0.1', async () => {
    const { loopbackFetch } = await import('../../../src/onboarding/loopbackFetch');
    const servers = await Promise.all((['ollama', 'lmstudio', 'jan'] as const).map((f) => startLocalServer(f)));
    try {
      const finds = await discoverLocalServers({ fetch: loopbackFetch, ports: servers.map((s) => s.port) });
      assert.deepEqual(finds.map((f) => f.kind).sort(), ['jan', 'lmstudio', 'ollama']);
      await assert.rejects(loopbackFetch('http://localhost:1/x', { signal: new AbortController().signal, redirect: 'manual', headers: {} }));
      await assert.rejects(loopbackFetch('https://127.0.0.1:1/x', { signal: new AbortController().signal, redirect: 'manual', headers: {} }));
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
