// AWS Bedrock with Bedrock API keys (Bearer): control-plane list endpoints and the runtime Converse and
// ConverseStream calls on one server. Errors are `{message}` with the type in `x-amzn-ErrorType`, as AWS's
// REST-JSON protocol sends them; ConverseStream answers in real event-stream frames (CRCs and all) and refuses,
// with a 400 ValidationException, a request that breaks the rules Bedrock enforces (bedrockRuleBroken).
import type { Reply } from '../types';
import { eventFrame, eventStreamFrame, exceptionFrame } from './awsEventStream';
import { apiPath, argumentFragments, bearerToken, modelExists, pageOfModels, parseJson, type ChatStreamWire, type StreamReply, type Wire } from './shared';

function awsError(status: number, type: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { message }, headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.coral.service/`, 'x-amzn-requestid': 'test', ...headers } };
}

/** The server's models split: ids with a `.` prefix like `us.` are inference profiles, the rest foundation models. */
function isProfile(id: string): boolean {
  return /^(us|eu|apac|global)\./.test(id);
}

export const bedrockWire: Wire = {
  prefix: '',
  handle(request, context) {
    const expected = context.options.apiKey;
    const presented = bearerToken(request);
    if (expected !== undefined && presented === undefined) return awsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    if (expected !== undefined && presented !== expected) return awsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    const path = apiPath(request, '');
    if (request.method === 'GET' && path === '/foundation-models') {
      return {
        status: 200,
        body: {
          modelSummaries: context.models
            .filter((m) => !isProfile(m.id))
            .map((m) => ({
              modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${m.id}`,
              modelId: m.id,
              modelName: m.label ?? m.id,
              providerName: 'Test',
              inputModalities: ['TEXT'],
              outputModalities: ['TEXT'],
              responseStreamingSupported: true,
              inferenceTypesSupported: ['ON_DEMAND'],
            })),
        },
      };
    }
    if (request.method === 'GET' && path === '/inference-profiles') {
      const profiles = context.models.filter((m) => isProfile(m.id));
      const token = request.query.get('nextToken');
      const start = token === null ? 0 : Number(token);
      const page = pageOfModels({ ...context, models: profiles }, Number.isFinite(start) ? start : 0, Number(request.query.get('maxResults') ?? 1000), 1000);
      return {
        status: 200,
        body: {
          inferenceProfileSummaries: page.models.map((m) => ({ inferenceProfileId: m.id, inferenceProfileName: m.label ?? m.id, status: 'ACTIVE', type: 'SYSTEM_DEFINED' })),
          ...(page.nextIndex === undefined ? {} : { nextToken: String(page.nextIndex) }),
        },
      };
    }
    const converse = path === undefined ? null : /^\/model\/([^/]+)\/converse$/.exec(path);
    if (request.method === 'POST' && converse?.[1]) {
      const id = decodeURIComponent(converse[1]);
      if (!modelExists(context, id)) return awsError(400, 'ValidationException', 'The provided model identifier is invalid.');
      return {
        status: 200,
        body: { output: { message: { role: 'assistant', content: [{ text: 'OK' }] } }, stopReason: 'max_tokens', usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 }, metrics: { latencyMs: 100 } },
      };
    }
    const stream = path === undefined ? null : /^\/model\/([^/]+)\/converse-stream$/.exec(path);
    if (request.method === 'POST' && stream?.[1]) return converseStream(decodeURIComponent(stream[1]), request.body, context);
    return awsError(404, 'UnknownOperationException', 'Not Found');
  },
  faultReply(fault) {
    switch (fault.kind) {
      case 'rateLimit':
        return awsError(429, 'ThrottlingException', 'Too many requests, please wait before trying again.', fault.retryAfter ? { 'retry-after': fault.retryAfter } : undefined);
      case 'quota':
        return awsError(400, 'ServiceQuotaExceededException', 'Your account does not have enough billing quota for this request.');
      case 'overloaded':
        return awsError(503, 'ServiceUnavailableException', 'Service is temporarily unable to handle the request.');
      case 'serverError':
        return awsError(500, 'InternalServerException', 'An internal server error occurred. Retry your request.');
    }
  },
};

function converseStream(id: string, raw: string, context: Parameters<Wire['handle']>[1]): Reply | StreamReply {
  if (!modelExists(context, id)) return awsError(400, 'ValidationException', 'The provided model identifier is invalid.');
  const body = parseJson(raw);
  if (body === undefined) return awsError(400, 'SerializationException', 'Unable to parse request body.');
  const broken = bedrockRuleBroken(body);
  if (broken !== undefined) return awsError(400, 'ValidationException', broken);
  return { stream: converseStreamWire() };
}

const BODY_KEYS = new Set(['messages', 'system', 'inferenceConfig', 'toolConfig', 'guardrailConfig', 'additionalModelRequestFields', 'promptVariables', 'additionalModelResponseFieldPaths', 'requestMetadata', 'performanceConfig']);
const INFERENCE_KEYS = new Set(['maxTokens', 'temperature', 'topP', 'stopSequences']);
const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
const BLOCK_KEYS = ['text', 'image', 'document', 'video', 'toolUse', 'toolResult', 'guardContent', 'reasoningContent', 'cachePoint'];

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** One content block: exactly one member, the shapes Converse accepts; a message, or undefined when it holds. */
function blockBroken(block: Record<string, unknown>, at: string): string | undefined {
  const members = Object.keys(block);
  if (members.length !== 1 || !BLOCK_KEYS.includes(members[0] as string)) return `Malformed input request: ${at} must have exactly one member of ${BLOCK_KEYS.join(', ')}, please reformat your input and try again.`;
  if ('text' in block && (typeof block['text'] !== 'string' || block['text'].trim() === '')) {
    return `The text field in the ContentBlock object at ${at} is blank. Add text to the text field, and try again.`;
  }
  const image = record(block['image']);
  if ('image' in block && (!image || !IMAGE_FORMATS.has(String(image['format'])) || typeof record(image['source'])?.['bytes'] !== 'string')) {
    return `Malformed input request: ${at}.image must be {format: png|jpeg|gif|webp, source: {bytes: base64}}, please reformat your input and try again.`;
  }
  const use = record(block['toolUse']);
  const result = record(block['toolResult']);
  const id = use?.['toolUseId'] ?? result?.['toolUseId'];
  if ((use || result) && (typeof id !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(id))) {
    return `1 validation error detected: Value '${String(id)}' at '${at}.member.${use ? 'toolUse' : 'toolResult'}.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+ and have length less than or equal to 64`;
  }
  if (use && (typeof use['name'] !== 'string' || !record(use['input']))) return `Malformed input request: ${at}.toolUse must be {toolUseId, name, input: object}.`;
  if (result && (!Array.isArray(result['content']) || (result['status'] !== undefined && result['status'] !== 'success' && result['status'] !== 'error'))) {
    return `Malformed input request: ${at}.toolResult must be {toolUseId, content: [...], status?: success|error}.`;
  }
  const reasoning = record(block['reasoningContent']);
  if (reasoning && typeof record(reasoning['reasoningText'])?.['text'] !== 'string') return `Malformed input request: ${at}.reasoningContent must hold reasoningText {text, signature}.`;
  return undefined;
}

/**
 * What Bedrock refuses (400 ValidationException): unknown top-level or inferenceConfig keys, roles that do not
 * alternate (starting with the user), blank text blocks, tool ids outside [a-zA-Z0-9_-]{1,64}, a toolResult that
 * answers no toolUse of the assistant turn just before, a toolUse left unanswered by the next user turn, tool
 * blocks without a toolConfig, and tools that are not `{toolSpec: {name, inputSchema: {json: {type: object}}}}`.
 */
export function bedrockRuleBroken(body: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(body)) if (!BODY_KEYS.has(key)) return `Malformed input request: extraneous key [${key}] is not permitted, please reformat your input and try again.`;
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) return 'Malformed input request: #: required key [messages] not found, please reformat your input and try again.';
  let open = new Set<string>();
  let toolBlocks = false;
  for (let i = 0; i < messages.length; i++) {
    const message = record(messages[i]) ?? {};
    const role = message['role'];
    if (i === 0 && role !== 'user') return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
    if (i > 0 && role === record(messages[i - 1])?.['role']) {
      return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    }
    const content = message['content'];
    if (!Array.isArray(content) || content.length === 0) return `Malformed input request: messages.${i}.content must be a non-empty array.`;
    const answered = new Set<string>();
    const uses = new Set<string>();
    for (let j = 0; j < content.length; j++) {
      const block = record(content[j]) ?? {};
      const broken = blockBroken(block, `messages.${i}.content.${j}`);
      if (broken !== undefined) return broken;
      const use = record(block['toolUse']);
      const result = record(block['toolResult']);
      if (use || result) toolBlocks = true;
      if (use && role !== 'assistant') return `messages.${i}.content.${j}: toolUse blocks are only allowed in assistant messages.`;
      if (use) uses.add(String(use['toolUseId']));
      if (result) {
        const id = String(result['toolUseId']);
        if (role !== 'user' || !open.has(id)) {
          return `messages.${i}.content.${j}: unexpected toolUseId found in toolResult blocks: ${id}. Each toolResult block must have a corresponding toolUse block in the previous message.`;
        }
        answered.add(id);
      }
    }
    const unanswered = [...open].filter((id) => !answered.has(id));
    if (unanswered.length > 0) return `Expected toolResult blocks at messages.${i}.content for the following Ids: ${unanswered.join(', ')}`;
    open = uses;
  }
  const system = body['system'];
  if (system !== undefined && (!Array.isArray(system) || system.some((s) => typeof record(s)?.['text'] !== 'string' || String(record(s)?.['text']).trim() === ''))) {
    return 'Malformed input request: system must be an array of non-blank {text} blocks.';
  }
  const inference = record(body['inferenceConfig']);
  for (const key of Object.keys(inference ?? {})) if (!INFERENCE_KEYS.has(key)) return `Malformed input request: #/inferenceConfig: extraneous key [${key}] is not permitted.`;
  const toolConfig = record(body['toolConfig']);
  if (toolBlocks && !toolConfig) return 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';
  if (toolConfig) {
    const tools = toolConfig['tools'];
    if (!Array.isArray(tools) || tools.length === 0) return 'Malformed input request: toolConfig.tools must be a non-empty array.';
    for (const raw of tools) {
      const spec = record(record(raw)?.['toolSpec']);
      const schema = record(record(spec?.['inputSchema'])?.['json']);
      if (typeof spec?.['name'] !== 'string' || schema?.['type'] !== 'object') return 'Malformed input request: each tool must be {toolSpec: {name, inputSchema: {json: {type: "object", …}}}}.';
    }
    const choice = toolConfig['toolChoice'];
    if (choice !== undefined && !['auto', 'any', 'tool'].includes(Object.keys(record(choice) ?? {})[0] ?? '')) return 'Malformed input request: toolChoice must be {auto: {}}, {any: {}} or {tool: {name}}.';
  }
  return undefined;
}

/** ConverseStream's events: messageStart, content blocks (reasoning, text, tool uses) by index, messageStop, metadata. */
function converseStreamWire(): ChatStreamWire {
  let next = 0;
  let textIndex: number | undefined;
  let usedTools = false;
  const closeText = (): Buffer[] => {
    if (textIndex === undefined) return [];
    const frame = eventFrame('contentBlockStop', { contentBlockIndex: textIndex });
    textIndex = undefined;
    return [frame];
  };
  return {
    contentType: 'application/vnd.amazon.eventstream',
    open(reasoning) {
      const frames = [eventFrame('messageStart', { role: 'assistant' })];
      if (reasoning.length > 0) {
        const index = next++;
        for (const text of reasoning) frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text } } }));
        frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { signature: 'EqQBCkYIARgCIkD-test-signature' } } }));
        frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index }));
      }
      return frames;
    },
    delta(text) {
      textIndex ??= next++;
      return eventFrame('contentBlockDelta', { contentBlockIndex: textIndex, delta: { text } });
    },
    toolCalls(calls) {
      usedTools = true;
      const frames = closeText();
      calls.forEach((call, i) => {
        const index = next++;
        const toolUseId = call.id ?? `tooluse_${i}_AbCdEfGhIjKlMnOp`;
        frames.push(eventFrame('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId, name: call.name } } }));
        for (const input of argumentFragments(call)) frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input } } }));
        frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index }));
      });
      return frames;
    },
    close(usage) {
      const counts = usage ?? { inputTokens: 0, outputTokens: 0 };
      return [
        ...closeText(),
        eventFrame('messageStop', { stopReason: usedTools ? 'tool_use' : 'end_turn' }),
        eventFrame('metadata', {
          usage: {
            inputTokens: counts.inputTokens,
            outputTokens: counts.outputTokens,
            totalTokens: counts.inputTokens + counts.outputTokens,
            ...(counts.cachedInputTokens === undefined ? {} : { cacheReadInputTokens: counts.cachedInputTokens, cacheWriteInputTokens: 0 }),
          },
          metrics: { latencyMs: 120 },
        }),
      ];
    },
    error(kind) {
      switch (kind) {
        case 'rateLimit':
          return exceptionFrame('throttlingException', 'Too many tokens, please wait before trying again.');
        case 'overloaded':
          return exceptionFrame('serviceUnavailableException', 'Bedrock is unable to process your request.');
        case 'serverError':
          return exceptionFrame('internalServerException', 'The system encountered an unexpected error during processing. Try your request again.');
      }
    },
    hugeEvent(chars) {
      // A frame whose prelude promises `chars` bytes, sent without its last bytes: it never ends.
      const frame = eventStreamFrame({ ':event-type': 'contentBlockDelta', ':message-type': 'event' }, `{"contentBlockIndex":0,"delta":{"text":"${'x'.repeat(chars)}"}}`);
      return frame.subarray(0, frame.length - 4);
    },
  };
}
