// A loopback OpenAI-compatible server with a large model list, in its own process so that serving
// (serialising the list) never shares an event loop with the client being measured. Started by node.ts
// with fork(); sends its base URL over IPC and closes when the parent disconnects.
import { startProviderServer, type ServerModel } from '../test/servers';

const count = Number(process.env.BENCH_MODEL_COUNT ?? 5000);
const apiKey = process.env.BENCH_API_KEY ?? 'bench-key-not-real';

// Ids shaped like an aggregator's (vendor/family-size-variant), in no particular order, as real list
// endpoints return them: the client's de-duplication and sorting get realistic work. Deterministic.
const VENDORS = ['openai', 'anthropic', 'google', 'meta-llama', 'mistralai', 'qwen', 'deepseek', 'cohere', 'x-ai', 'nvidia', 'microsoft', 'amazon'];
const FAMILIES = ['chat', 'coder', 'instruct', 'reasoner', 'vision', 'turbo', 'mini', 'pro', 'flash', 'nano', 'large'];
let seed = 0x2f6b1c;
const random = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const models: ServerModel[] = Array.from({ length: count }, (_, i) => ({
  id: `${VENDORS[i % VENDORS.length]}/${FAMILIES[(i * 7) % FAMILIES.length]}-${(i % 97) + 1}b-v${Math.floor(i / 97)}`,
}));
for (let i = models.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [models[i], models[j]] = [models[j], models[i]];
}

const fail = (error: unknown) => {
  console.error(error);
  process.exit(1);
};
startProviderServer({ dialect: 'openai', apiKey, models }).then((server) => {
  process.send?.({ baseUrl: server.baseUrl });
  process.on('disconnect', () => server.close().then(() => process.exit(0), fail));
}, fail);
