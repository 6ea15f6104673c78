// The keyless connection file: what Export writes, Import of our own format reads, and a workspace's team file
// (.vscode/ai-connections.json) holds. One valibot schema; the TypeScript types are inferred from it, and
// schemas/ai-connections.schema.json is the same shape for editors (a unit test keeps the two in step).
// No keys and no header values ever: a file names the headers, each user stores their values.
import * as v from 'valibot';
import { MAX_CAPABILITY_TOKENS, MAX_NAME_LENGTH, MAX_TIMEOUT_SECONDS } from './limits';

export const CONNECTION_FILE_VERSION = 1;
export const CONNECTION_FILE_SCHEMA_URL =
  'https://raw.githubusercontent.com/ai-connections/ai-connections/main/schemas/ai-connections.schema.json';

const tokens = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_CAPABILITY_TOKENS));

/** What the user says the model can do (each optional: unset means "as detected"). */
export const capabilityOverridesSchema = v.object({
  toolCalling: v.optional(v.boolean()),
  imageInput: v.optional(v.boolean()),
  contextWindow: v.optional(tokens),
  maxOutputTokens: v.optional(tokens),
  family: v.optional(v.string()),
});

/** A variable name as shells accept it: the key is read from it at request time. */
export const envVariableNameSchema = v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is not a variable name'));

export const fileConnectionSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('is empty'), v.maxLength(MAX_NAME_LENGTH)),
  provider: v.pipe(v.string(), v.nonEmpty('is empty')),
  model: v.optional(v.string()),
  apiUrl: v.optional(v.string()),
  presetName: v.optional(v.string()),
  apiKeyEnv: v.optional(envVariableNameSchema),
  headerNames: v.optional(v.array(v.string())),
  timeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TIMEOUT_SECONDS))),
  capabilities: v.optional(capabilityOverridesSchema),
});

export const connectionFileSchema = v.object({
  $schema: v.optional(v.string()),
  version: v.literal(CONNECTION_FILE_VERSION),
  connections: v.array(fileConnectionSchema),
});

export type FileConnection = v.InferOutput<typeof fileConnectionSchema>;
export type ConnectionFile = v.InferOutput<typeof connectionFileSchema>;
