// The connection model shared by the extension host and the webview. No vscode, no Node.
// The form's draft is declared in draftSchema.ts (valibot), its types inferred there.
import { EMPTY_CAPABILITIES, type CapabilitiesDraft, type CapabilityChoice, type ConnectionDraft } from './draftSchema';

/** The fields a user edits. */
export interface ConnectionFields {
  name: string;
  provider: string;
  model?: string;
  apiUrl?: string;
  presetName?: string;
  /**
   * The environment variable the key is read from at request time, instead of a stored key. A name, not a
   * secret: it is synced and exported like the other fields.
   */
  apiKeyEnv?: string;
  /** Extra request headers (proxies, org ids). Never an auth header: keys live in SecretStorage. */
  headers?: Record<string, string>;
  /** Per-connection request timeout; the `aiConnections.requestTimeoutSeconds` setting otherwise. */
  timeoutSeconds?: number;
  /** What the user says the model can do, over what the provider's list and the known-model table say. */
  capabilities?: CapabilityOverrides;
}

/** A connection's overrides of its model's capabilities (each optional: unset means "as detected"). */
export interface CapabilityOverrides {
  toolCalling?: boolean;
  imageInput?: boolean;
  contextWindow?: number;
  maxOutputTokens?: number;
  family?: string;
}

/** A stored connection. Unknown fields written by a newer version are carried along untouched. */
export interface Connection extends ConnectionFields {
  id: string;
  createdAt: string;
  updatedAt: string;
  [unknownField: string]: unknown;
}

export type { CapabilitiesDraft, CapabilityChoice, ConnectionDraft, DraftField, FieldErrors, HeaderRow, ValidationCode } from './draftSchema';

export const EMPTY_DRAFT: ConnectionDraft = {
  name: '',
  provider: '',
  model: '',
  apiUrl: '',
  presetName: '',
  isDefault: false,
  headers: [],
  timeoutSeconds: '',
  capabilities: { ...EMPTY_CAPABILITIES },
};

export function draftFromConnection(c: Connection, isDefault: boolean): ConnectionDraft {
  return {
    name: c.name,
    provider: c.provider,
    model: c.model ?? '',
    apiUrl: c.apiUrl ?? '',
    presetName: c.presetName ?? '',
    isDefault,
    headers: Object.entries(c.headers ?? {}).map(([name, value]) => ({ name, value })),
    timeoutSeconds: c.timeoutSeconds === undefined ? '' : String(c.timeoutSeconds),
    capabilities: capabilitiesDraftOf(c.capabilities),
  };
}

/** A deep copy: the form edits its draft in place, and what it posts or persists must not change under it. */
export function cloneDraft(d: ConnectionDraft): ConnectionDraft {
  return { ...d, headers: d.headers.map((h) => ({ ...h })), capabilities: { ...d.capabilities } };
}

const choiceOf = (v: boolean | undefined): CapabilityChoice => (v === undefined ? '' : v ? 'yes' : 'no');
const countText = (v: number | undefined): string => (v === undefined ? '' : String(v));

export function capabilitiesDraftOf(c: CapabilityOverrides | undefined): CapabilitiesDraft {
  return {
    toolCalling: choiceOf(c?.toolCalling),
    imageInput: choiceOf(c?.imageInput),
    contextWindow: countText(c?.contextWindow),
    maxOutputTokens: countText(c?.maxOutputTokens),
    family: c?.family ?? '',
  };
}

/**
 * The overrides a (valid) draft stores: only the fields it sets, and undefined when it sets none, so a
 * connection left at "detect" has no `capabilities` at all.
 */
export function capabilitiesFromDraft(d: CapabilitiesDraft): CapabilityOverrides | undefined {
  const out: CapabilityOverrides = {};
  if (d.toolCalling) out.toolCalling = d.toolCalling === 'yes';
  if (d.imageInput) out.imageInput = d.imageInput === 'yes';
  if (d.contextWindow.trim()) out.contextWindow = Number(d.contextWindow.trim());
  if (d.maxOutputTokens.trim()) out.maxOutputTokens = Number(d.maxOutputTokens.trim());
  if (d.family.trim()) out.family = d.family.trim();
  return Object.keys(out).length ? out : undefined;
}

/** Whether a draft sets anything kept in the form's Advanced section (which then opens by itself). */
export function hasAdvancedValues(d: ConnectionDraft): boolean {
  return d.headers.length > 0 || d.timeoutSeconds.trim() !== '' || capabilitiesFromDraft(d.capabilities) !== undefined;
}
