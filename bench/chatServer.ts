// A loopback OpenAI chat-completions server that streams `chat.completion.chunk`s, in its own process (like
// modelServer.ts) so that serving never shares an event loop with the client being measured. The first chunk
// (role and the first text) is written as soon as the request is read; the rest of the reply follows after a
// pause, so "time to first part" is the time to the first chunk alone. Started by node.ts with fork(); sends its
// base URL over IPC and closes when the parent disconnects.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const apiKey = process.env.BENCH_API_KEY ?? 'bench-key-not-real';
const REST_AFTER_MS = 30;
const REST_CHUNKS = 40;

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1_735_689_600,
    model: 'gpt-4o-mini',
    system_fingerprint: 'fp_bench',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  })}\n\n`;

const FIRST = chunk({ role: 'assistant', content: 'Hello', refusal: null });
const REST =
  Array.from({ length: REST_CHUNKS }, (_, i) => chunk({ content: ` word${i}` })).join('') +
  chunk({}, 'stop') +
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_735_689_600, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 12, completion_tokens: 41, total_tokens: 53 } })}\n\n` +
  'data: [DONE]\n\n';

function stream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(FIRST);
  const timer = setTimeout(() => res.end(REST), REST_AFTER_MS);
  res.on('close', () => clearTimeout(timer));
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}');
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') stream(res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` });
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
});
