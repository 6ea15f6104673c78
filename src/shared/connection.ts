// The connection model shared by the extension host and the webview. No vscode, no Node.
// The form's draft is declared in draftSchema.ts (valibot), its types inferred there.
import { EMPTY_CAPABILITIES, type CapabilitiesDraft, type CapabilityChoice, type ConnectionDraft } from './draftSchema';

import type { StoredConnection } from './storedConnection';
import type { capabilityOverridesSchema } from './connectionFile';
import type { InferOutput } from 'valibot';

/** A stored connection (shape: storedConnection.ts). Unknown fields written by a newer version are carried along untouched. */
export type Connection = StoredConnection;

/** What the user says the model can do, over what the provider's list and the known-model table say. */
export type CapabilityOverrides = InferOutput<typeof capabilityOverridesSchema>;

/** The fields a user edits, as create() and update() take them. */
export type ConnectionFields = Pick<Connection, 'name' | 'provider' | 'model' | 'apiUrl' | 'presetName' | 'apiKeyEnv' | 'headerNames' | 'timeoutSeconds' | 'capabilities'> & {
  /**
   * Extra request headers (proxies, org ids) with their values: the store keeps the names and puts the values
   * in SecretStorage, beside the key. Never an auth header (the key has its own entry).
   */
  headers?: Record<string, string>;
};

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
    // Header values are secrets: the form gets the names only, each marked as having a stored value.
    headers: (c.headerNames ?? []).map((name) => ({ name, value: '', stored: true })),
    timeoutSeconds: c.timeoutSeconds === undefined ? '' : String(c.timeoutSeconds),
    capabilities: capabilitiesDraftOf(c.capabilities),
    revision: c.updatedAt,
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
