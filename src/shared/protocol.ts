// The webview protocol: two discriminated unions on `type`, validated at runtime on arrival.
// Request/response pairs carry a `requestId`. The webview speaks first with `ready`.
// No API key ever travels in either direction: the form only learns whether one is stored.
import { EMPTY_DRAFT, type CapabilitiesDraft, type CapabilityChoice, type ConnectionDraft, type FieldErrors, type HeaderRow, type ValidationCode } from './connection';

export interface ProviderOption {
  id: string;
  label: string;
  defaultUrl: string;
  keyRequired: boolean;
}

export interface ModelOption {
  id: string;
  label?: string;
  contextLength?: number;
}

/** Every user-facing string the form shows, localized by the extension host. */
export interface FormStrings {
  titleNew: string;
  titleEdit: string;
  name: string;
  provider: string;
  model: string;
  modelPlaceholder: string;
  fetchModels: string;
  fetchingModels: string;
  modelsFound: string; // contains {0}
  apiUrl: string;
  apiUrlHint: string;
  apiKey: string;
  setApiKey: string;
  updateApiKey: string;
  keyStored: string;
  keyNotSet: string;
  keyNotRequired: string;
  preset: string;
  noPreset: string;
  isDefault: string;
  advanced: string;
  headers: string;
  headerName: string;
  headerValue: string;
  addHeader: string;
  removeHeader: string;
  timeout: string;
  timeoutHint: string;
  capabilities: string;
  capabilitiesHint: string;
  toolCalling: string;
  imageInput: string;
  detect: string;
  yes: string;
  no: string;
  contextWindow: string;
  maxOutputTokens: string;
  tokensHint: string;
  family: string;
  familyHint: string;
  save: string;
  test: string;
  testing: string;
  cancel: string;
  delete: string;
  saving: string;
  validation: Record<ValidationCode, string>;
}

export type ToWebview =
  | {
      type: 'init';
      mode: 'new' | 'edit';
      /** The stored connection's id when editing; drafts in getState are matched against it. */
      connectionId: string | null;
      draft: ConnectionDraft;
      hasApiKey: boolean;
      otherNames: string[];
      providers: ProviderOption[];
      presets: string[];
      strings: FormStrings;
      /** Set for a team connection: why its fields cannot be changed here (only its key can). */
      readOnly?: string;
    }
  | { type: 'keyState'; hasApiKey: boolean }
  | { type: 'saveResult'; requestId: number; ok: boolean; errors: FieldErrors; message?: string }
  | { type: 'modelsResult'; requestId: number; ok: boolean; models: ModelOption[]; message?: string }
  | { type: 'testResult'; requestId: number; ok: boolean; message: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'save'; requestId: number; draft: ConnectionDraft }
  | { type: 'fetchModels'; requestId: number; draft: ConnectionDraft }
  | { type: 'test'; requestId: number; draft: ConnectionDraft }
  | { type: 'setApiKey' }
  | { type: 'cancel' }
  | { type: 'delete' };

const MAX_TEXT = 20_000;
const MAX_HEADERS = 50;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}

function parseHeaders(v: unknown): HeaderRow[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_HEADERS) return undefined;
  const rows: HeaderRow[] = [];
  for (const r of v) {
    if (!isRecord(r) || !text(r.name) || !text(r.value)) return undefined;
    rows.push({ name: r.name, value: r.value });
  }
  return rows;
}

const choice = (v: unknown): v is CapabilityChoice => v === '' || v === 'yes' || v === 'no';

/** Absent (a draft persisted by a form from before capabilities) reads as "detect everything". */
function parseCapabilities(v: unknown): CapabilitiesDraft | undefined {
  if (v === undefined) return { ...EMPTY_DRAFT.capabilities };
  if (!isRecord(v)) return undefined;
  const { toolCalling, imageInput, contextWindow, maxOutputTokens, family } = v;
  if (!choice(toolCalling) || !choice(imageInput) || !text(contextWindow) || !text(maxOutputTokens) || !text(family)) return undefined;
  return { toolCalling, imageInput, contextWindow, maxOutputTokens, family };
}

/** A draft from the webview, or undefined when any field has the wrong type or size. */
export function parseDraft(v: unknown): ConnectionDraft | undefined {
  if (!isRecord(v)) return undefined;
  const { name, provider, model, apiUrl, presetName, isDefault, timeoutSeconds } = v;
  if (!text(name) || !text(provider) || !text(model) || !text(apiUrl) || !text(presetName) || !text(timeoutSeconds)) {
    return undefined;
  }
  if (typeof isDefault !== 'boolean') return undefined;
  const headers = parseHeaders(v.headers);
  const capabilities = parseCapabilities(v.capabilities);
  if (!headers || !capabilities) return undefined;
  return { name, provider, model, apiUrl, presetName, isDefault, headers, timeoutSeconds, capabilities };
}

function requestId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Validates a message from the webview. Anything malformed is undefined (and logged by the caller). */
export function parseFromWebview(msg: unknown): FromWebview | undefined {
  if (!isRecord(msg) || typeof msg.type !== 'string') return undefined;
  switch (msg.type) {
    case 'ready':
    case 'setApiKey':
    case 'cancel':
    case 'delete':
      return { type: msg.type };
    case 'save':
    case 'fetchModels':
    case 'test': {
      if (!requestId(msg.requestId)) return undefined;
      const draft = parseDraft(msg.draft);
      return draft ? { type: msg.type, requestId: msg.requestId, draft } : undefined;
    }
    default:
      return undefined;
  }
}
