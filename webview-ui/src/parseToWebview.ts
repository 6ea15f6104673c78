// Runtime guard for messages arriving from the extension host. The webview trusts the host, but a
// malformed message (version skew, a bug) must be ignored rather than crash the form or reach the DOM
// in an unexpected shape.
import type { DraftField, FieldErrors, ValidationCode } from '../../src/shared/connection';
import { parseDraft } from '../../src/shared/protocol';
import type { FormStrings, ModelOption, ProviderOption, ToWebview } from '../../src/shared/protocol';

const MAX_TEXT = 20_000;
const MAX_LIST = 10_000;
const MAX_MODELS = 20_000;

type StringKey = Exclude<keyof FormStrings, 'validation'>;

const STRING_KEYS = [
  'titleNew', 'titleEdit', 'name', 'provider', 'model', 'modelPlaceholder', 'fetchModels', 'fetchingModels',
  'modelsFound', 'apiUrl', 'apiUrlHint', 'apiKey', 'setApiKey', 'updateApiKey', 'keyStored', 'keyNotSet',
  'keyNotRequired', 'preset', 'noPreset', 'isDefault', 'advanced', 'headers', 'headerName', 'headerValue',
  'addHeader', 'removeHeader', 'timeout', 'timeoutHint', 'capabilities', 'capabilitiesHint', 'toolCalling',
  'imageInput', 'detect', 'yes', 'no', 'contextWindow', 'maxOutputTokens', 'tokensHint', 'family', 'familyHint',
  'save', 'test', 'testing', 'cancel', 'delete', 'saving',
] as const satisfies readonly StringKey[];

export const VALIDATION_CODES = [
  'nameRequired', 'nameTooLong', 'nameDuplicate', 'providerRequired', 'providerUnknown', 'urlInvalid',
  'urlScheme', 'headerNameInvalid', 'headerAuth', 'headerDuplicate', 'timeoutInvalid',
  'tokensInvalid',
] as const satisfies readonly ValidationCode[];

export const DRAFT_FIELDS = [
  'name', 'provider', 'model', 'apiUrl', 'presetName', 'headers', 'timeoutSeconds', 'contextWindow', 'maxOutputTokens',
] as const satisfies readonly DraftField[];

export function isDraftField(v: string): v is DraftField {
  return (DRAFT_FIELDS as readonly string[]).includes(v);
}

// Compile-time completeness: adding a string, code or field to the contract without listing it here fails.
type Missing<All, Listed> = Exclude<All, Listed>;
const _allStrings: [Missing<StringKey, (typeof STRING_KEYS)[number]>] extends [never] ? true : false = true;
const _allCodes: [Missing<ValidationCode, (typeof VALIDATION_CODES)[number]>] extends [never] ? true : false = true;
const _allFields: [Missing<DraftField, (typeof DRAFT_FIELDS)[number]>] extends [never] ? true : false = true;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}

function isRequestId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function textList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_LIST) return undefined;
  return v.every(isText) ? [...v] : undefined;
}

function isValidationCode(v: unknown): v is ValidationCode {
  return typeof v === 'string' && (VALIDATION_CODES as readonly string[]).includes(v);
}

function parseStrings(v: unknown): FormStrings | undefined {
  if (!isRecord(v) || !isRecord(v.validation)) return undefined;
  const out: Partial<Record<StringKey, string>> = {};
  for (const k of STRING_KEYS) {
    const s = v[k];
    if (!isText(s)) return undefined;
    out[k] = s;
  }
  const validation: Partial<Record<ValidationCode, string>> = {};
  for (const code of VALIDATION_CODES) {
    const s = v.validation[code];
    if (!isText(s)) return undefined;
    validation[code] = s;
  }
  return { ...(out as Record<StringKey, string>), validation: validation as Record<ValidationCode, string> };
}

function parseProviders(v: unknown): ProviderOption[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_LIST) return undefined;
  const out: ProviderOption[] = [];
  for (const p of v) {
    if (!isRecord(p) || !isText(p.id) || !isText(p.label) || !isText(p.defaultUrl) || typeof p.keyRequired !== 'boolean') {
      return undefined;
    }
    out.push({ id: p.id, label: p.label, defaultUrl: p.defaultUrl, keyRequired: p.keyRequired });
  }
  return out;
}

function parseModels(v: unknown): ModelOption[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_MODELS) return undefined;
  const out: ModelOption[] = [];
  for (const m of v) {
    if (!isRecord(m) || !isText(m.id)) return undefined;
    const model: ModelOption = { id: m.id };
    if (m.label !== undefined) {
      if (!isText(m.label)) return undefined;
      model.label = m.label;
    }
    if (m.contextLength !== undefined) {
      if (typeof m.contextLength !== 'number' || !Number.isFinite(m.contextLength) || m.contextLength < 0) return undefined;
      model.contextLength = m.contextLength;
    }
    out.push(model);
  }
  return out;
}

/** Unknown fields and codes are dropped; a known field with a non-code value makes the whole thing invalid. */
function parseErrors(v: unknown): FieldErrors | undefined {
  if (!isRecord(v)) return undefined;
  const out: FieldErrors = {};
  for (const f of DRAFT_FIELDS) {
    const code = v[f];
    if (code === undefined) continue;
    if (!isValidationCode(code)) return undefined;
    out[f] = code;
  }
  return out;
}

function optionalText(v: unknown): { ok: true; value: string | undefined } | { ok: false } {
  if (v === undefined) return { ok: true, value: undefined };
  return isText(v) ? { ok: true, value: v } : { ok: false };
}

/** A message from the host, or undefined when its type is unknown or its shape is wrong. */
export function parseToWebview(msg: unknown): ToWebview | undefined {
  if (!isRecord(msg) || typeof msg.type !== 'string') return undefined;
  switch (msg.type) {
    case 'init': {
      if (msg.mode !== 'new' && msg.mode !== 'edit') return undefined;
      const connectionId = msg.connectionId;
      if (connectionId !== null && !isText(connectionId)) return undefined;
      if (typeof msg.hasApiKey !== 'boolean') return undefined;
      const draft = parseDraft(msg.draft);
      const otherNames = textList(msg.otherNames);
      const providers = parseProviders(msg.providers);
      const presets = textList(msg.presets);
      const strings = parseStrings(msg.strings);
      const readOnly = optionalText(msg.readOnly);
      if (!draft || !otherNames || !providers || !presets || !strings || !readOnly.ok) return undefined;
      return { type: 'init', mode: msg.mode, connectionId, draft, hasApiKey: msg.hasApiKey, otherNames, providers, presets, strings, ...(readOnly.value !== undefined ? { readOnly: readOnly.value } : {}) };
    }
    case 'keyState':
      return typeof msg.hasApiKey === 'boolean' ? { type: 'keyState', hasApiKey: msg.hasApiKey } : undefined;
    case 'saveResult': {
      const errors = parseErrors(msg.errors ?? {});
      const message = optionalText(msg.message);
      if (!isRequestId(msg.requestId) || typeof msg.ok !== 'boolean' || !errors || !message.ok) return undefined;
      return { type: 'saveResult', requestId: msg.requestId, ok: msg.ok, errors, ...(message.value !== undefined ? { message: message.value } : {}) };
    }
    case 'modelsResult': {
      const models = parseModels(msg.models ?? []);
      const message = optionalText(msg.message);
      if (!isRequestId(msg.requestId) || typeof msg.ok !== 'boolean' || !models || !message.ok) return undefined;
      return { type: 'modelsResult', requestId: msg.requestId, ok: msg.ok, models, ...(message.value !== undefined ? { message: message.value } : {}) };
    }
    case 'testResult':
      if (!isRequestId(msg.requestId) || typeof msg.ok !== 'boolean' || !isText(msg.message)) return undefined;
      return { type: 'testResult', requestId: msg.requestId, ok: msg.ok, message: msg.message };
    default:
      return undefined;
  }
}

void _allStrings;
void _allCodes;
void _allFields;
