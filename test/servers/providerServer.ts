// Local provider-compatible servers (node:http/https only) that speak each dialect's real wire format, with
// configurable faults, recording every request. Importable from any test tier.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { serveChatStream, type ChatStreamHandle } from './chatStreamer';
import { defaultModels } from './defaultModels';
import { selfSignedCertificate } from './tlsCert';
import type { ChatScriptSource, ChatStreamRecord, Fault, FaultRule, ProviderServer, ProviderServerOptions, RecordedRequest, Reply, ServerDialect, ServerRequest } from './types';
import { anthropicWire } from './wire/anthropic';
import { bedrockWire } from './wire/bedrock';
import { cohereWire } from './wire/cohere';
import { geminiWire } from './wire/gemini';
import { ollamaWire } from './wire/ollama';
import { openAiFamilyWire } from './wire/openaiFamily';
import { isStreamReply, type Wire, type WireContext } from './wire/shared';
import { makeServiceAccount, vertexWire } from './wire/vertex';

/** Request bodies above this are refused (413): the servers never buffer unbounded input. */
const MAX_REQUEST_BODY = 1024 * 1024;

function wireFor(dialect: ServerDialect): Wire {
  switch (dialect) {
    case 'anthropic':
      return anthropicWire;
    case 'gemini':
      return geminiWire;
    case 'ollama':
      return ollamaWire;
    case 'cohere':
      return cohereWire;
    case 'bedrock':
      return bedrockWire;
    case 'vertex':
      return vertexWire;
    case 'openai':
    case 'mistral':
    case 'together':
    case 'openrouter':
    case 'xai':
    case 'llamacpp':
    case 'perplexity':
    case 'azure-openai':
      return openAiFamilyWire(dialect);
  }
}

function writeReply(res: ServerResponse, reply: Reply): void {
  const isText = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  const headers: Record<string, string> = { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json', ...reply.headers };
  res.writeHead(reply.status, { ...headers, 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

function matches(rule: FaultRule, request: ServerRequest): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== request.method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? rule.path === request.path : rule.path.test(request.path);
}

export interface StartedProviderServer extends ProviderServer {
  /** Vertex only: a service-account JSON (the connection's "key") this server accepts. */
  serviceAccountJson(): string;
}

export async function startProviderServer(options: ProviderServerOptions): Promise<StartedProviderServer> {
  const wire = wireFor(options.dialect);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  let rules: Array<FaultRule & { used: number }> = (options.faults ?? []).map((r) => ({ ...r, used: 0 }));
  let chatScript: ChatScriptSource = options.chat ?? {};
  const chatStreams: ChatStreamRecord[] = [];
  const chatHandles = new Set<ChatStreamHandle>();
  const chatWaiters: Array<{ index: number; resolve: (record: ChatStreamRecord) => void }> = [];
  const context: WireContext = { options, models: options.models ?? defaultModels(options.dialect), origin: '', state: new Map() };

  const applyFault = (fault: Fault, res: ServerResponse): void => {
    switch (fault.kind) {
      case 'status':
        return writeReply(res, { status: fault.status, body: fault.body, ...(fault.headers ? { headers: fault.headers } : {}) });
      case 'rateLimit':
      case 'quota':
      case 'overloaded':
      case 'serverError':
        return writeReply(res, wire.faultReply(fault, context));
      case 'html':
        return writeReply(res, {
          status: fault.status ?? 200,
          body: '<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>\n',
          headers: { 'content-type': 'text/html; charset=utf-8' },
        });
      case 'invalidJson':
        return writeReply(res, { status: 200, body: '{"object":"list","data":[{"id":"gpt-4o",', headers: { 'content-type': 'application/json' } });
      case 'trickle': {
        const body = Buffer.from(JSON.stringify({ object: 'list', data: context.models.map((m) => ({ id: m.id, object: 'model' })) }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        let sent = 0;
        const timer = setInterval(() => {
          if (sent >= body.length || res.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body.subarray(sent, sent + 1));
          sent++;
        }, fault.intervalMs);
        timers.add(timer);
        return;
      }
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json', ...(fault.declareLength ? { 'content-length': fault.bytes } : {}) });
        const prefix = Buffer.from('{"object":"list","data":[');
        const filler = Buffer.from(`{"id":"model-${'x'.repeat(50)}","object":"model"},`.repeat(1000));
        let written = 0;
        const pump = (): void => {
          while (written < fault.bytes && !res.destroyed) {
            const chunk = written === 0 ? prefix : filler;
            const slice = chunk.subarray(0, Math.min(chunk.length, fault.bytes - written));
            written += slice.length;
            if (!res.write(slice)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case 'stall':
        return; // no status line, ever; close() destroys the socket
      case 'stallBody':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        return;
      case 'destroy':
        res.socket?.destroy();
        return;
      case 'redirect':
        return writeReply(res, { status: fault.status ?? 302, body: '', headers: { location: fault.location } });
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      const request: ServerRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const recorded: RecordedRequest = {
        method: request.method,
        path: request.path,
        url: req.url ?? '/',
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers },
        body: request.body,
      };
      requests.push(recorded);
      if (size > MAX_REQUEST_BODY) return writeReply(res, { status: 413, body: { error: { message: 'Request too large' } } });
      const rule = rules.find((r) => matches(r, request) && (r.times === undefined || r.used < r.times));
      if (rule) {
        rule.used++;
        return applyFault(rule.fault, res);
      }
      try {
        const reply = wire.handle(request, context);
        if (!isStreamReply(reply)) return writeReply(res, reply);
        let script = chatScript;
        if (typeof script === 'function') {
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(request.body) as Record<string, unknown>;
          } catch {
            // the wire checked the body already
          }
          script = script(json);
        }
        const handle = serveChatStream(res, reply.stream, script, recorded);
        chatHandles.add(handle);
        chatStreams.push(handle.record);
        for (const waiter of chatWaiters.filter((w) => w.index === chatStreams.length - 1)) {
          chatWaiters.splice(chatWaiters.indexOf(waiter), 1);
          waiter.resolve(handle.record);
        }
      } catch (error) {
        writeReply(res, { status: 500, body: { error: { message: `test server bug: ${String(error)}` } } });
      }
    });
  };

  const server: Server = options.tls ? createHttpsServer(selfSignedCertificate(), handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that rejects our self-signed certificate resets the handshake; that is the expected outcome.
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  context.origin = origin;

  let closed = false;
  return {
    url: origin,
    baseUrl: `${origin}${wire.prefix}`,
    port,
    requests,
    setFaults(next) {
      rules = next.map((r) => ({ ...r, used: 0 }));
    },
    sawValue(value) {
      return requests.some((r) =>
        Object.values(r.headers).some((h) => (Array.isArray(h) ? h : [h ?? '']).some((v) => v.includes(value))) ||
        r.url.includes(value) ||
        r.body.includes(value),
      );
    },
    serviceAccountJson() {
      return makeServiceAccount(context);
    },
    setChat(script) {
      chatScript = script;
    },
    chatStreams,
    chatStream(index = 0) {
      const existing = chatStreams[index];
      if (existing) return Promise.resolve(existing);
      return new Promise<ChatStreamRecord>((resolve) => chatWaiters.push({ index, resolve }));
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      for (const handle of chatHandles) handle.stop();
      chatHandles.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections?.();
      await done;
    },
  };
}

/**
 * A server that records what reaches it and answers every request with `reply` (default: a 200 OAI model list
 * with no auth). Stands in for "another origin" in redirect tests.
 */
export async function startRecordingServer(reply: Reply = { status: 200, body: { object: 'list', data: [{ id: 'elsewhere-model', object: 'model' }] } }): Promise<StartedProviderServer> {
  const server = await startProviderServer({ dialect: 'openai', faults: [{ fault: { kind: 'status', status: reply.status, body: reply.body, ...(reply.headers ? { headers: reply.headers } : {}) } }] });
  return server;
}
