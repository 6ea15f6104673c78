// AWS Bedrock with Bedrock API keys (Bearer): control-plane list endpoints and the runtime Converse call on one
// server. Errors are `{message}` with the type in `x-amzn-ErrorType`, as AWS's REST-JSON protocol sends them.
import type { Reply } from '../types';
import { apiPath, bearerToken, modelExists, pageOfModels, type Wire } from './shared';

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
