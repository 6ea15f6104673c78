// OpenAI and the servers that copy its wire format, each with its own auth errors, list shape and free checks.
import type { Reply, ServerDialect, ServerModel, ServerRequest } from '../types';
import {
  argumentFragments,
  apiPath,
  bearerToken,
  header,
  maskKey,
  modelExists,
  parseJson,
  retryHeaders,
  sse,
  type ChatStreamWire,
  type StreamReply,
  type Wire,
  type WireContext,
} from './shared';

type Flavor = Extract<ServerDialect, 'openai' | 'mistral' | 'together' | 'openrouter' | 'xai' | 'llamacpp' | 'perplexity' | 'azure-openai'>;

const PREFIX: Record<Flavor, string> = {
  openai: '/v1',
  mistral: '/v1',
  together: '/v1',
  openrouter: '/api/v1',
  xai: '/v1',
  llamacpp: '/v1',
  perplexity: '',
  'azure-openai': '/openai/v1',
};

const CREATED = 1_715_367_049;

function openAiError(status: number, message: string, type: string, code: string | null, headers?: Record<string, string>): Reply {
  return { status, body: { error: { message, type, param: null, code } }, ...(headers ? { headers } : {}) };
}

/** The exact 401/400 each flavour sends for a missing or wrong key. */
function authFailure(flavor: Flavor, presented: string | undefined, context: WireContext): Reply {
  const shown = presented === undefined ? '' : maskKey(presented, context.options);
  switch (flavor) {
    case 'openai':
    case 'together':
      return presented === undefined
        ? openAiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null)
        : openAiError(401, `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
    case 'mistral':
      return { status: 401, body: { message: 'Unauthorized', request_id: 'test-request' } };
    case 'openrouter':
      return { status: 401, body: { error: { message: presented === undefined ? 'No auth credentials found' : 'User not found.', code: 401 } } };
    case 'xai':
      // xAI answers a bad key with 400, not 401.
      return {
        status: 400,
        body: {
          code: 'Client specified an invalid argument',
          error: `Incorrect API key provided: ${shown || '(none)'}. You can obtain an API key from https://console.x.ai.`,
        },
      };
    case 'llamacpp':
      return { status: 401, body: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } } };
    case 'perplexity':
      // Perplexity's edge answers 401 with an HTML page.
      return {
        status: 401,
        body: '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n',
        headers: { 'content-type': 'text/html' },
      };
    case 'azure-openai':
      return {
        status: 401,
        body: {
          error: {
            code: '401',
            message:
              'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
          },
        },
      };
  }
}

function presentedKey(flavor: Flavor, request: ServerRequest): string | undefined {
  return flavor === 'azure-openai' ? header(request, 'api-key') : bearerToken(request);
}

function listEntry(flavor: Flavor, model: ServerModel): Record<string, unknown> {
  const base = { id: model.id, object: 'model', created: CREATED, owned_by: 'test-owner' };
  switch (flavor) {
    case 'mistral':
      return { ...base, max_context_length: model.contextLength ?? 32768, name: model.label ?? null, capabilities: { completion_chat: true } };
    case 'together':
      return { id: model.id, object: 'model', created: CREATED, type: model.type ?? 'chat', display_name: model.label ?? model.id, context_length: model.contextLength ?? 8192 };
    case 'openrouter':
      return { id: model.id, name: model.label ?? model.id, context_length: model.contextLength ?? 128000, pricing: { prompt: '0', completion: '0' } };
    case 'llamacpp':
      return { ...base, owned_by: 'llamacpp', meta: { n_ctx_train: model.contextLength ?? 4096 } };
    default:
      return { ...base, ...(model.contextLength === undefined ? {} : { context_window: model.contextLength }) };
  }
}

function listModels(flavor: Flavor, context: WireContext): Reply {
  const entries = context.models.map((m) => listEntry(flavor, m));
  if (flavor === 'together') return { status: 200, body: entries };
  if (flavor === 'mistral' && context.options.mistralShape === 'bare') return { status: 200, body: entries };
  return { status: 200, body: { object: 'list', data: entries } };
}

function unknownModel(flavor: Flavor, model: string): Reply {
  switch (flavor) {
    case 'azure-openai':
      return {
        status: 404,
        body: {
          error: {
            code: 'DeploymentNotFound',
            message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
          },
        },
      };
    case 'perplexity':
      return {
        status: 400,
        body: { error: { message: `Invalid model '${model}'. Permitted models can be found in the documentation at https://docs.perplexity.ai/guides/model-cards.`, type: 'invalid_model', code: 400 } },
      };
    case 'openrouter':
      return { status: 404, body: { error: { message: `No endpoints found for ${model}.`, code: 404 } } };
    default:
      return openAiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
  }
}

/** `chat.completion.chunk` events, `data: [DONE]` at the end; errors mid-stream as `data: {"error": …}`. */
function chatStreamWire(flavor: Flavor, model: string): ChatStreamWire {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    sse({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: CREATED,
      model,
      system_fingerprint: 'fp_test',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
  // DeepSeek, vLLM and most servers name reasoning `reasoning_content`; OpenRouter names it `reasoning`.
  const reasoningField = flavor === 'openrouter' ? 'reasoning' : 'reasoning_content';
  let usedTools = false;
  return {
    contentType: 'text/event-stream; charset=utf-8',
    open: (reasoning) => [
      // Azure opens with the prompt's content-filter results and no choices.
      ...(flavor === 'azure-openai'
        ? [sse({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] })]
        : []),
      chunk({ role: 'assistant', content: '', refusal: null }),
      ...reasoning.map((text) => chunk({ [reasoningField]: text })),
    ],
    delta: (text) => chunk({ content: text }),
    toolCalls(calls) {
      usedTools = true;
      // OpenAI: the first fragment carries index, id, type and name with empty arguments; the rest index + arguments.
      // Gemini's OpenAI endpoint: no index, one whole call per chunk, the signature in extra_content.
      const frames: string[] = [];
      calls.forEach((call, index) => {
        const id = call.id ?? (flavor === 'mistral' ? `T${String(index).padStart(8, '0')}` : `call_${index}_abcdefghijklmnop`);
        const extra = call.thoughtSignature === undefined ? {} : { extra_content: { google: { thought_signature: call.thoughtSignature } } };
        frames.push(chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' }, ...extra }] }));
        for (const piece of argumentFragments(call)) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      });
      return frames;
    },
    close: (usage) => [
      chunk({}, usedTools ? 'tool_calls' : 'stop'),
      ...(usage === undefined
        ? []
        : [
            sse({
              id: 'chatcmpl-test',
              object: 'chat.completion.chunk',
              created: CREATED,
              model,
              choices: [],
              usage: {
                prompt_tokens: usage.inputTokens,
                completion_tokens: usage.outputTokens,
                total_tokens: usage.inputTokens + usage.outputTokens,
                prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
              },
            }),
          ]),
      sse('[DONE]'),
    ],
    error: (kind) => {
      switch (kind) {
        case 'rateLimit':
          return sse({ error: { message: 'Rate limit reached for requests per min (RPM). Please try again in 20s.', type: 'requests', param: null, code: 'rate_limit_exceeded' } });
        case 'overloaded':
          return sse({ error: { message: 'The server is overloaded or not ready yet.', type: 'server_error', param: null, code: null } });
        case 'serverError':
          return sse({ error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } });
      }
    },
  };
}

/**
 * The tool-calling rules these wires enforce: every `tool` message answers a call of the assistant turn before it
 * (and every call is answered before the next turn); OpenAI ids are at most 40 characters, Mistral's exactly 9
 * alphanumerics; tools are `{type:'function', function:{name, parameters}}` with an object schema.
 */
function toolRuleBroken(flavor: Flavor, body: Record<string, unknown>): string | undefined {
  const messages = body['messages'] as unknown[];
  let open: Set<string> | undefined;
  for (let i = 0; i < messages.length; i++) {
    const m = parseJson(JSON.stringify(messages[i])) ?? {};
    if (m['role'] === 'tool') {
      const id = String(m['tool_call_id'] ?? '');
      if (!open?.has(id)) return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (messages.[${i}], id ${id}).`;
      open.delete(id);
      if (typeof m['content'] !== 'string') return `messages.[${i}].content: expected a string.`;
      continue;
    }
    if (open !== undefined && open.size > 0) {
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(', ')}`;
    }
    open = undefined;
    if (m['role'] === 'assistant' && Array.isArray(m['tool_calls'])) {
      open = new Set();
      for (const raw of m['tool_calls'] as unknown[]) {
        const call = parseJson(JSON.stringify(raw)) ?? {};
        const id = String(call['id'] ?? '');
        if (flavor === 'mistral' && !/^[a-zA-Z0-9]{9}$/.test(id)) return `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`;
        if (id.length > 40) return `Invalid 'messages[${i}].tool_calls[0].id': string too long. Expected a string with maximum length 40, but got a string with length ${id.length} instead.`;
        const fn = parseJson(JSON.stringify(call['function'])) ?? {};
        if (typeof fn['arguments'] !== 'string') return `messages[${i}].tool_calls.function.arguments: expected a string.`;
        open.add(id);
      }
    }
  }
  const tools = body['tools'];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return "Invalid type for 'tools': expected an array.";
    for (const raw of tools) {
      const tool = parseJson(JSON.stringify(raw)) ?? {};
      const fn = parseJson(JSON.stringify(tool['function'])) ?? {};
      if (tool['type'] !== 'function' || typeof fn['name'] !== 'string') return "Invalid 'tools': each tool must be {type: 'function', function: {name, …}}.";
      const parameters = parseJson(JSON.stringify(fn['parameters'] ?? {})) ?? {};
      if (fn['parameters'] !== undefined && parameters['type'] !== 'object') return `Invalid schema for function '${fn['name']}': schema must be a JSON Schema of 'type: "object"'.`;
    }
  }
  return undefined;
}

function chatCompletion(flavor: Flavor, request: ServerRequest, context: WireContext): Reply | StreamReply {
  const body = parseJson(request.body);
  const model = typeof body?.['model'] === 'string' ? body['model'] : '';
  if (!Array.isArray(body?.['messages'])) {
    return openAiError(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter');
  }
  const known = flavor === 'azure-openai' ? (context.options.deployments ?? context.models.map((m) => m.id)).includes(model) : modelExists(context, model);
  if (!known) return unknownModel(flavor, model);
  const broken = toolRuleBroken(flavor, body);
  if (broken !== undefined) return openAiError(400, broken, 'invalid_request_error', null);
  if (body['stream'] === true) return { stream: chatStreamWire(flavor, model) };
  return {
    status: 200,
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'OK' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
    },
  };
}

function notFound(flavor: Flavor, request: ServerRequest): Reply {
  if (flavor === 'perplexity' || flavor === 'openrouter') {
    return { status: 404, body: '<!DOCTYPE html><html><head><title>404: Not Found</title></head><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } };
  }
  return openAiError(404, `Invalid URL (${request.method} ${request.path})`, 'invalid_request_error', null);
}

export function openAiFamilyWire(flavor: Flavor): Wire {
  const prefix = PREFIX[flavor];
  return {
    prefix,
    handle(request, context) {
      const path = apiPath(request, prefix);
      // llama.cpp serves its health check at the root and under /v1, without auth.
      if (flavor === 'llamacpp' && request.method === 'GET' && (request.path === '/health' || path === '/health')) {
        return context.options.loading
          ? { status: 503, body: { error: { code: 503, message: 'Loading model', type: 'unavailable_error' } } }
          : { status: 200, body: { status: 'ok' } };
      }
      // OpenRouter's model list is public.
      if (flavor === 'openrouter' && request.method === 'GET' && path === '/models') return listModels(flavor, context);
      const expected = context.options.apiKey;
      if (expected !== undefined) {
        const presented = presentedKey(flavor, request);
        if (presented !== expected) return authFailure(flavor, presented, context);
      }
      if (path === undefined) return notFound(flavor, request);
      if (request.method === 'GET' && path === '/models' && flavor !== 'perplexity') return listModels(flavor, context);
      if (request.method === 'GET' && path.startsWith('/models/') && flavor !== 'perplexity') {
        const id = decodeURIComponent(path.slice('/models/'.length));
        const model = context.models.find((m) => m.id === id);
        return model ? { status: 200, body: listEntry(flavor, model) } : unknownModel(flavor, id);
      }
      if (request.method === 'POST' && path === '/chat/completions') return chatCompletion(flavor, request, context);
      if (flavor === 'openrouter' && request.method === 'GET' && path === '/key') {
        return { status: 200, body: { data: { label: 'sk-or-v1-abc...xyz', usage: 0, limit: null, is_free_tier: false, rate_limit: { requests: 10, interval: '10s' } } } };
      }
      if (flavor === 'xai' && request.method === 'GET' && path === '/api-key') {
        return { status: 200, body: { name: 'test key', redacted_api_key: 'xai-****', user_id: 'u1', team_id: 't1', acls: ['api-key:model:*'] } };
      }
      return notFound(flavor, request);
    },
    faultReply(fault) {
      switch (fault.kind) {
        case 'rateLimit':
          if (flavor === 'azure-openai') {
            return {
              status: 429,
              body: { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 20 seconds.' } },
              headers: retryHeaders(fault),
            };
          }
          return openAiError(429, 'Rate limit reached for gpt-4o in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more. You can increase your rate limit by adding a payment method to your account at https://platform.openai.com/account/billing.', 'requests', 'rate_limit_exceeded', retryHeaders(fault));
        case 'quota':
          if (flavor === 'openrouter') return { status: 402, body: { error: { code: 402, message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits' } } };
          return openAiError(429, 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota');
        case 'overloaded':
          return openAiError(503, 'The server is overloaded or not ready yet.', 'server_error', null);
        case 'serverError':
          return openAiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
      }
    },
  };
}
