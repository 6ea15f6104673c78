// Gemini v1beta: x-goog-api-key (or ?key=), 400 API_KEY_INVALID with google.rpc.ErrorInfo, pageSize/pageToken.
import type { Reply, ServerRequest } from '../types';
import { apiPath, argumentObject, header, numberParam, pageOfModels, parseJson, sse, type ChatStreamWire, type StreamReply, type Wire } from './shared';

const PREFIX = '/v1beta';

function googleError(code: number, status: string, message: string, details?: unknown[]): Reply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

/**
 * `streamGenerateContent?alt=sse` chunks (CRLF-separated, as Google sends them); the one with `finishReason` is last.
 * Scripted calls go as `functionCall` parts (whole, with their `thoughtSignature`) in that last chunk, which ends
 * with STOP as Gemini's does; `usageMetadata` only where the script has usage (thoughts counted apart).
 */
export function geminiChatStreamWire(model: string): ChatStreamWire {
  const chunk = (parts: unknown[], finishReason?: string, usageMetadata?: Record<string, number>): string =>
    sse(
      {
        candidates: [{ content: { parts, role: 'model' }, ...(finishReason === undefined ? {} : { finishReason }), index: 0 }],
        ...(usageMetadata === undefined ? {} : { usageMetadata }),
        modelVersion: model,
        responseId: 'test-response',
      },
      undefined,
      '\r\n',
    );
  let calls: unknown[] = [];
  let thought = false;
  return {
    contentType: 'text/event-stream',
    open: (reasoning) => {
      thought = reasoning.length > 0;
      return reasoning.map((text) => chunk([{ text, thought: true }]));
    },
    delta: (text) => chunk([{ text }]),
    toolCalls(scripted) {
      calls = scripted.map((call) => {
        let args: unknown;
        try {
          args = argumentObject(call);
        } catch {
          args = call.arguments; // deliberately broken: sent as the string it is
        }
        return { functionCall: { name: call.name, args }, ...(call.thoughtSignature === undefined ? {} : { thoughtSignature: call.thoughtSignature }) };
      });
      return [];
    },
    close: (usage) => {
      const thoughts = usage !== undefined && thought ? Math.floor(usage.outputTokens / 3) : 0;
      const usageMetadata =
        usage === undefined
          ? undefined
          : {
              promptTokenCount: usage.inputTokens,
              candidatesTokenCount: usage.outputTokens - thoughts,
              ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
              ...(usage.cachedInputTokens === undefined ? {} : { cachedContentTokenCount: usage.cachedInputTokens }),
              totalTokenCount: usage.inputTokens + usage.outputTokens,
            };
      return [chunk(calls.length > 0 ? calls : [{ text: '' }], 'STOP', usageMetadata)];
    },
    error(kind) {
      const [code, status, message] =
        kind === 'overloaded'
          ? [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.']
          : kind === 'rateLimit'
            ? [429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).']
            : [500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'];
      return sse({ error: { code, message, status } }, undefined, '\r\n');
    },
  };
}

/** Schema keywords Gemini's protobuf parser does not know (it fails the whole request on each). */
const UNKNOWN_SCHEMA_FIELDS = new Set([
  '$schema', '$id', '$anchor', '$comment', '$defs', 'definitions', '$ref', 'additionalProperties', 'patternProperties',
  'unevaluatedProperties', 'propertyNames', 'exclusiveMinimum', 'exclusiveMaximum', 'const',
]);

function invalidPayload(message: string, field: string): Reply {
  return googleError(400, 'INVALID_ARGUMENT', message, [
    { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description: message }] },
  ]);
}

/** The first thing in a function declaration's schema Gemini refuses, as its 400. */
function schemaProblem(node: unknown, at: string): Reply | undefined {
  const schema = record(node);
  if (!schema) return undefined;
  for (const key of Object.keys(schema)) {
    if (UNKNOWN_SCHEMA_FIELDS.has(key)) return invalidPayload(`Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`, at);
  }
  if (Array.isArray(schema['type'])) return invalidPayload(`Invalid JSON payload received. Unknown name "type" at '${at}': Proto field is not repeating, cannot start list.`, `${at}.type`);
  const properties = record(schema['properties']);
  if (properties && Object.keys(properties).length === 0 && String(schema['type']).toLowerCase() === 'object') {
    return googleError(400, 'INVALID_ARGUMENT', `* GenerateContentRequest.${at}.properties: should be non-empty for OBJECT type\n`);
  }
  let index = 0;
  for (const value of Object.values(properties ?? {})) {
    const problem = schemaProblem(value, `${at}.properties[${index++}].value`);
    if (problem) return problem;
  }
  const branches = Array.isArray(schema['anyOf']) ? (schema['anyOf'] as unknown[]) : [];
  for (const [i, branch] of [schema['items'], ...branches].entries()) {
    const problem = schemaProblem(branch, i === 0 ? `${at}.items` : `${at}.any_of[${i - 1}]`);
    if (problem) return problem;
  }
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const partsOf = (content: unknown): Record<string, unknown>[] => {
  const parts = record(content)?.['parts'];
  return Array.isArray(parts) ? parts.map((p) => record(p) ?? {}) : [];
};

/** The turn rules: responses answer the call turn right before them, one each, by name; Gemini 3 needs signatures. */
function turnProblem(contents: unknown[], model: string): Reply | undefined {
  const invalid = (message: string): Reply => googleError(400, 'INVALID_ARGUMENT', message);
  for (let i = 0; i < contents.length; i++) {
    const role = record(contents[i])?.['role'];
    if (role !== undefined && role !== 'user' && role !== 'model') return invalid('Please use a valid role: user, model.');
    const parts = partsOf(contents[i]);
    if (parts.length === 0) return googleError(400, 'INVALID_ARGUMENT', `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`);
    const calls = parts.filter((p) => record(p['functionCall']));
    if (calls.length > 0 && model.startsWith('gemini-3') && typeof calls[0]?.['thoughtSignature'] !== 'string') {
      const name = String(record(calls[0]?.['functionCall'])?.['name']);
      return invalid(
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${i + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
      );
    }
    const responses = parts.filter((p) => record(p['functionResponse'])).map((p) => record(p['functionResponse']) ?? {});
    const before = i > 0 ? partsOf(contents[i - 1]).filter((p) => record(p['functionCall'])) : [];
    if (responses.length === 0) {
      if (before.length > 0) return invalid('Please ensure that function call turn comes immediately before a function response turn.');
      continue;
    }
    if (role !== 'user' || before.length === 0) return invalid('Please ensure that function response turn comes immediately after a function call turn.');
    if (responses.length !== before.length) {
      return invalid('Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.');
    }
    for (const [j, response] of responses.entries()) {
      const callName = record(before[j]?.['functionCall'])?.['name'];
      if (response['name'] !== callName) return invalid(`Function response name "${String(response['name'])}" at contents[${i}].parts[${j}] does not match the function call name "${String(callName)}" of the function call turn.`);
      if (!record(response['response'])) return invalidPayload(`Invalid value at 'contents[${i}].parts[${j}].function_response.response' (type.googleapis.com/google.protobuf.Struct), not an object`, `contents[${i}].parts[${j}].function_response.response`);
    }
  }
  return undefined;
}

/** The checks Google makes on a generateContent body before streaming: a 400 for what it refuses, else undefined. */
export function geminiBodyProblem(request: ServerRequest, model: string): Reply | undefined {
  const body = parseJson(request.body);
  const contents = body?.['contents'];
  if (!Array.isArray(contents) || contents.length === 0) return googleError(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified');
  const tools = body?.['tools'];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return invalidPayload('Invalid JSON payload received. Unknown name "tools": Proto field is repeating, cannot start object.', 'tools');
    for (const [t, tool] of tools.entries()) {
      const declarations = record(tool)?.['functionDeclarations'];
      for (const [d, declaration] of (Array.isArray(declarations) ? declarations : []).entries()) {
        const at = `tools[${t}].function_declarations[${d}]`;
        if (typeof record(declaration)?.['name'] !== 'string') return googleError(400, 'INVALID_ARGUMENT', `* GenerateContentRequest.${at}.name: Invalid function name.`);
        const problem = schemaProblem(record(declaration)?.['parameters'], `${at}.parameters`);
        if (problem) return problem;
      }
    }
  }
  const mode = record(record(body?.['toolConfig'])?.['functionCallingConfig'])?.['mode'];
  if (mode !== undefined && !['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED'].includes(String(mode))) {
    return invalidPayload(`Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${String(mode)}"`, 'tool_config.function_calling_config.mode');
  }
  return turnProblem(contents, model);
}

function streamGenerate(request: ServerRequest, model: string): Reply | StreamReply {
  // Without alt=sse Google streams one JSON array; clients of this extension always ask for SSE.
  if (request.query.get('alt') !== 'sse') return googleError(400, 'INVALID_ARGUMENT', 'This test server streams only with alt=sse.');
  return geminiBodyProblem(request, model) ?? { stream: geminiChatStreamWire(model) };
}

export const geminiWire: Wire = {
  prefix: PREFIX,
  handle(request, context) {
    const expected = context.options.apiKey;
    const presented = header(request, 'x-goog-api-key') ?? request.query.get('key') ?? undefined;
    if (expected !== undefined && presented === undefined) {
      return googleError(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    }
    if (expected !== undefined && presented !== expected) {
      return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
        { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
      ]);
    }
    const path = apiPath(request, PREFIX);
    if (request.method === 'GET' && path === '/models') {
      const token = request.query.get('pageToken');
      const start = token === null || token === '' ? 0 : Number(token.replace(/^page-/, ''));
      const page = pageOfModels(context, Number.isFinite(start) ? start : 0, numberParam(request, 'pageSize', 50), 1000);
      const models = page.models.map((m) => ({
        name: `models/${m.id}`,
        version: '001',
        displayName: m.label ?? m.id,
        inputTokenLimit: m.contextLength ?? 1048576,
        outputTokenLimit: 8192,
        supportedGenerationMethods: m.generationMethods ?? ['generateContent', 'countTokens'],
      }));
      return { status: 200, body: { models, ...(page.nextIndex === undefined ? {} : { nextPageToken: `page-${page.nextIndex}` }) } };
    }
    const generate = path === undefined ? null : /^\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
    if (request.method === 'POST' && generate?.[1]) {
      const id = decodeURIComponent(generate[1]);
      const model = context.models.find((m) => m.id === id);
      if (!model || !(model.generationMethods ?? ['generateContent']).includes('generateContent')) {
        return googleError(404, 'NOT_FOUND', `models/${id} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`);
      }
      if (generate[2] === 'streamGenerateContent') return streamGenerate(request, id);
      return {
        status: 200,
        body: {
          candidates: [{ content: { parts: [{ text: 'OK' }], role: 'model' }, finishReason: 'MAX_TOKENS', index: 0 }],
          usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, totalTokenCount: 5 },
          modelVersion: id,
        },
      };
    }
    return { status: 404, body: '<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> That’s an error.', headers: { 'content-type': 'text/html; charset=UTF-8' } };
  },
  faultReply(fault) {
    switch (fault.kind) {
      case 'rateLimit':
        return googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: fault.retryDelay ?? '38s' },
        ]);
      case 'quota':
        return googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.');
      case 'overloaded':
        return googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
      case 'serverError':
        return googleError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    }
  },
};
