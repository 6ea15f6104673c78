// What the connection form edits (the draft) and the codes its validation reports, each declared once as a
// valibot schema. The TypeScript types are inferred from these (re-exported by connection.ts); the webview
// protocol (protocol.ts) and the webview's saved state are built from them.
import * as v from 'valibot';

/** The longest text one field may carry across the webview boundary. */
export const MAX_TEXT = 20_000;
/** The most header rows a draft may carry. */
export const MAX_HEADERS = 50;

export const textSchema = v.pipe(v.string(), v.maxLength(MAX_TEXT));

/** An object schema with the same schema for every key of a list: the list is the one source of the keys. */
export function entriesOf<K extends string, S extends v.GenericSchema>(keys: readonly K[], schema: S): Record<K, S> {
  return Object.fromEntries(keys.map((k) => [k, schema])) as Record<K, S>;
}

export const headerRowSchema = v.object({
  name: textSchema,
  /** Typed in the form; never sent to it. Empty with `stored`: keep the value stored for this name. */
  value: textSchema,
  /** A value is stored for this name (in SecretStorage); the form shows the value field write-only. */
  stored: v.optional(v.boolean()),
});

/** A capability flag in the form: '' leaves it to detection. */
export const capabilityChoiceSchema = v.picklist(['', 'yes', 'no']);

const capabilitiesShape = v.object({
  toolCalling: capabilityChoiceSchema,
  imageInput: capabilityChoiceSchema,
  contextWindow: textSchema,
  maxOutputTokens: textSchema,
  family: textSchema,
});

/** The capability overrides as the form edits them; '' everywhere means "as detected". */
export type CapabilitiesDraft = v.InferOutput<typeof capabilitiesShape>;

export const EMPTY_CAPABILITIES: Readonly<CapabilitiesDraft> = { toolCalling: '', imageInput: '', contextWindow: '', maxOutputTokens: '', family: '' };

/** Absent (a draft persisted by a form from before capabilities) reads as "detect everything". */
export const capabilitiesDraftSchema = v.optional(capabilitiesShape, () => ({ ...EMPTY_CAPABILITIES }));

/** What the form edits: every user-editable field, as text where the user types text. */
export const connectionDraftSchema = v.object({
  name: textSchema,
  provider: textSchema,
  model: textSchema,
  apiUrl: textSchema,
  presetName: textSchema,
  isDefault: v.boolean(),
  headers: v.pipe(v.array(headerRowSchema), v.maxLength(MAX_HEADERS)),
  timeoutSeconds: textSchema,
  capabilities: capabilitiesDraftSchema,
  /** The stored connection's `updatedAt` this draft started from: Save refuses when it has changed since. */
  revision: v.optional(textSchema),
});

export type ConnectionDraft = v.InferOutput<typeof connectionDraftSchema>;
export type HeaderRow = v.InferOutput<typeof headerRowSchema>;
export type CapabilityChoice = v.InferOutput<typeof capabilityChoiceSchema>;

/** Validation problems as codes; each side turns them into localized text. */
export const VALIDATION_CODES = [
  'nameRequired',
  'nameTooLong',
  'nameDuplicate',
  'providerRequired',
  'providerUnknown',
  'urlInvalid',
  'urlScheme',
  'urlUserinfo',
  'urlQueryCredential',
  'headerNameInvalid',
  'headerAuth',
  'headerDuplicate',
  'timeoutInvalid',
  'tokensInvalid',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];
export const validationCodeSchema = v.picklist(VALIDATION_CODES);

/** The fields of a draft that can carry a validation error. */
export const DRAFT_FIELDS = [
  'name',
  'provider',
  'model',
  'apiUrl',
  'presetName',
  'headers',
  'timeoutSeconds',
  'contextWindow',
  'maxOutputTokens',
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

export function isDraftField(value: unknown): value is DraftField {
  return (DRAFT_FIELDS as readonly unknown[]).includes(value);
}

/** Unknown fields are dropped; a known field with a value that is not a code makes the whole thing invalid. */
export const fieldErrorsSchema = v.object(entriesOf(DRAFT_FIELDS, v.optional(validationCodeSchema)));
export type FieldErrors = v.InferOutput<typeof fieldErrorsSchema>;
