// Gemini v1beta: x-goog-api-key (or ?key=), 400 API_KEY_INVALID with google.rpc.ErrorInfo, pageSize/pageToken.
import type { Reply } from '../types';
import type { ServerRequest } from '../types';
import { apiPath, header, numberParam, pageOfModels, parseJson, sse, type ChatStreamWire, type StreamReply, type Wire } from './shared';

const PREFIX = '/v1beta';

function googleError(code: number, status: string, message: string, details?: unknown[]): Reply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

/** `streamGenerateContent?alt=sse` chunks (CRLF-separated, as Google sends them); the one with `finishReason` is last. */
export function geminiChatStreamWire(model: string): ChatStreamWire {
  const chunk = (parts: unknown[], finishReason?: string): string =>
    sse(
      {
        candidates: [{ content: { parts, role: 'model' }, ...(finishReason === undefined ? {} : { finishReason }), index: 0 }],
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, totalTokenCount: 5 },
        modelVersion: model,
        responseId: 'test-response',
      },
      undefined,
      '\r\n',
    );
  return {
    contentType: 'text/event-stream',
    open: (reasoning) => reasoning.map((text) => chunk([{ text, thought: true }])),
    delta: (text) => chunk([{ text }]),
    close: () => [chunk([{ text: '' }], 'STOP')],
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

/** The checks Google makes on a generateContent body before streaming: a 400 for what it refuses, else undefined. */
export function geminiBodyProblem(request: ServerRequest): Reply | undefined {
  const body = parseJson(request.body);
  const contents = body?.['contents'];
  if (!Array.isArray(contents) || contents.length === 0) return googleError(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified');
  for (const entry of contents) {
    const role = parseJson(JSON.stringify(entry))?.['role'];
    if (role !== undefined && role !== 'user' && role !== 'model') return googleError(400, 'INVALID_ARGUMENT', 'Please use a valid role: user, model.');
  }
  return undefined;
}

function streamGenerate(request: ServerRequest, model: string): Reply | StreamReply {
  // Without alt=sse Google streams one JSON array; clients of this extension always ask for SSE.
  if (request.query.get('alt') !== 'sse') return googleError(400, 'INVALID_ARGUMENT', 'This test server streams only with alt=sse.');
  return geminiBodyProblem(request) ?? { stream: geminiChatStreamWire(model) };
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
