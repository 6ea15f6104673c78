// The webview protocol: two discriminated unions on `type`, each declared once as a valibot schema and
// validated on arrival — the host parses what the webview sends (parseFromWebview), the webview what the host
// sends (parseToWebview); the TypeScript types are inferred from the schemas.
// Request/response pairs carry a `requestId`. The webview speaks first with `ready`.
// No API key or header value ever travels to the webview: the form only learns whether one is stored.
import * as v from 'valibot';
import { VALIDATION_CODES, connectionDraftSchema, entriesOf, fieldErrorsSchema, textSchema } from './draftSchema';

const MAX_LIST = 10_000;
const MAX_MODELS = 20_000;
/**
 * The form's dropdown lists at most this many models (the first by id): a dropdown of 10,000 entries is slow to
 * build and useless to scroll. The status says how many there are; List Models searches them all.
 */
export const MAX_FORM_MODELS = 2_000;

const requestIdSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const textListSchema = v.pipe(v.array(textSchema), v.maxLength(MAX_LIST));

export const providerOptionSchema = v.object({ id: textSchema, label: textSchema, defaultUrl: textSchema, keyRequired: v.boolean() });
export type ProviderOption = v.InferOutput<typeof providerOptionSchema>;

export const modelOptionSchema = v.object({
  id: textSchema,
  label: v.optional(textSchema),
  contextLength: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
});
export type ModelOption = v.InferOutput<typeof modelOptionSchema>;

/** The keys of every user-facing string the form shows (`modelsFound` contains {0}, `modelsShown` {0} and {1}). */
const FORM_STRING_KEYS = [
  'titleNew', 'titleEdit', 'name', 'provider', 'model', 'modelPlaceholder', 'fetchModels', 'fetchingModels',
  'modelsFound', 'modelsShown', 'apiUrl', 'apiUrlHint', 'apiKey', 'setApiKey', 'updateApiKey', 'keyStored', 'keyNotSet',
  'keyNotRequired', 'keyFromEnv', 'keyEnvNotSet', 'preset', 'noPreset', 'isDefault', 'advanced', 'headers', 'headerName', 'headerValue',
  'headerValueStored', 'addHeader', 'removeHeader', 'timeout', 'timeoutHint', 'capabilities', 'capabilitiesHint', 'toolCalling',
  'imageInput', 'detect', 'yes', 'no', 'contextWindow', 'maxOutputTokens', 'tokensHint', 'family', 'familyHint',
  'save', 'test', 'testing', 'cancel', 'delete', 'saving',
] as const;

/** Every user-facing string the form shows, localized by the extension host; one text per validation code. */
export const formStringsSchema = v.object({
  ...entriesOf(FORM_STRING_KEYS, textSchema),
  validation: v.object(entriesOf(VALIDATION_CODES, textSchema)),
});
export type FormStrings = v.InferOutput<typeof formStringsSchema>;

/** The connection reads its key from this environment variable (a name, never the value); `set`: it is set now. */
export const keyEnvStateSchema = v.object({ name: textSchema, set: v.boolean() });
export type KeyEnvState = v.InferOutput<typeof keyEnvStateSchema>;

export const toWebviewSchema = v.variant('type', [
  v.object({
    type: v.literal('init'),
    mode: v.picklist(['new', 'edit']),
    /** The stored connection's id when editing; drafts in getState are matched against it. */
    connectionId: v.nullable(textSchema),
    draft: connectionDraftSchema,
    hasApiKey: v.boolean(),
    /** Start from this draft, not from one the webview kept (the user chose Reload after a conflict). */
    fresh: v.optional(v.boolean()),
    keyEnv: v.optional(keyEnvStateSchema),
    otherNames: textListSchema,
    providers: v.pipe(v.array(providerOptionSchema), v.maxLength(MAX_LIST)),
    presets: textListSchema,
    strings: formStringsSchema,
    /** Set for a team connection: why its fields cannot be changed here (only its key can). */
    readOnly: v.optional(textSchema),
  }),
  v.object({ type: v.literal('keyState'), hasApiKey: v.boolean(), keyEnv: v.optional(keyEnvStateSchema) }),
  v.object({
    type: v.literal('saveResult'),
    requestId: requestIdSchema,
    ok: v.boolean(),
    errors: v.optional(fieldErrorsSchema, () => ({})),
    message: v.optional(textSchema),
  }),
  v.object({
    type: v.literal('modelsResult'),
    requestId: requestIdSchema,
    ok: v.boolean(),
    models: v.optional(v.pipe(v.array(modelOptionSchema), v.maxLength(MAX_MODELS)), () => []),
    /** How many the provider listed, when more than `models` holds (MAX_FORM_MODELS). */
    total: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
    message: v.optional(textSchema),
  }),
  v.object({ type: v.literal('testResult'), requestId: requestIdSchema, ok: v.boolean(), message: textSchema }),
]);
export type ToWebview = v.InferOutput<typeof toWebviewSchema>;

const draftRequest = <T extends string>(type: T) => v.object({ type: v.literal(type), requestId: requestIdSchema, draft: connectionDraftSchema });

export const fromWebviewSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  draftRequest('save'),
  draftRequest('fetchModels'),
  draftRequest('test'),
  v.object({ type: v.literal('setApiKey') }),
  v.object({ type: v.literal('cancel') }),
  v.object({ type: v.literal('delete') }),
]);
export type FromWebview = v.InferOutput<typeof fromWebviewSchema>;

/** Validates a message from the webview. Anything malformed is undefined (and logged by the caller). */
export function parseFromWebview(msg: unknown): FromWebview | undefined {
  const parsed = v.safeParse(fromWebviewSchema, msg);
  return parsed.success ? parsed.output : undefined;
}

/**
 * Validates a message from the host. The webview trusts the host, but a malformed message (version skew, a
 * bug) is ignored rather than crash the form or reach the DOM in an unexpected shape.
 */
export function parseToWebview(msg: unknown): ToWebview | undefined {
  const parsed = v.safeParse(toWebviewSchema, msg);
  return parsed.success ? parsed.output : undefined;
}
