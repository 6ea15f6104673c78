// A hostile model list (issue 10): 10,000 near-duplicate ids behind a 280-character prefix, 200 ids of 20 KB and
// 500 repeats, read by listModels from a local server and then searched for "did you mean" by a Test whose
// model is a near miss. The figure is the whole Test (request, parse, trim, de-duplicate, suggest).
import { testConnection } from '../src/providers';
import { startProviderServer } from '../test/servers';
import { emit, summarize, timeAsync } from './stats';

const KEY = 'bench-key-not-real-hostile-77';
const PREFIX = 'vendor/'.repeat(40);
const ROUNDS = 8;

export async function hostileList(): Promise<void> {
  const nearDuplicates = Array.from({ length: 10_000 }, (_, i) => ({ id: `${PREFIX}model-${String(i).padStart(5, '0')}` }));
  const huge = Array.from({ length: 200 }, (_, i) => ({ id: `${'h'.repeat(20_000)}${i}` }));
  const models = [...huge, ...nearDuplicates, ...nearDuplicates.slice(0, 500)];
  const samples: number[] = [];
  // A fresh server per round, so each Test opens its own connection: the figure is the cold path a user's
  // first Test takes, and no round reuses a keep-alive socket the previous round's server side has dropped.
  for (let round = 0; round <= ROUNDS; round++) {
    const server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models });
    try {
      const target = { provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, model: `${PREFIX}modle-09999`, timeoutMs: 60_000 };
      const { ms, value } = await timeAsync(() => testConnection(target));
      if (value.category !== 'model_not_found' || value.suggestions?.[0] !== `${PREFIX}model-09999`) {
        throw new Error(`round ${round}: unexpected result: ${value.category}: ${value.message}`);
      }
      if (round > 0) samples.push(ms); // the first round warms the JIT
    } finally {
      await server.close();
    }
  }
  emit({ id: 'hostileList', ...summarize(samples) });
}
